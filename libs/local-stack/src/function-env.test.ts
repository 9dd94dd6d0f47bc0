import { findFunction, type FunctionSpec } from '@peer-rewards/platform-manifest';
import { localSecretsOf } from './function-env';

const spec = (name: string) => findFunction(name) as FunctionSpec;

describe('localSecretsOf', () => {
  it('passes a secret of the manifest entry on when this process has it', () => {
    // Act
    const env = localSecretsOf(spec('slack-fn'), { SLACK_SIGNING_SECRET: 'from-npm-start' });
    // Assert
    expect(env).toEqual({ SLACK_SIGNING_SECRET: 'from-npm-start' });
  });

  it('leaves a secret that is not set unset, and gives other functions none', () => {
    // Act
    const unset = localSecretsOf(spec('slack-fn'), {});
    const other = localSecretsOf(spec('rewards-fn'), { SLACK_SIGNING_SECRET: 'not-for-you' });
    // Assert
    expect(unset).toEqual({});
    expect(other).toEqual({});
  });
});
