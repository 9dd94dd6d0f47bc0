import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  assertDeployable,
  PLACEHOLDER_ACCOUNTS,
  STAGES,
  stageConfigFor,
  validateStageConfig,
  validateStages,
  type StageConfig,
} from './stages';

describe('stageConfigFor', () => {
  it('returns the config of a known stage', () => {
    // Arrange / Act
    const config = stageConfigFor('prod');

    // Assert
    expect(config.stage).toBe('prod');
  });

  it('names the flag to pass when no stage is given', () => {
    // Arrange / Act / Assert
    expect(() => stageConfigFor(undefined)).toThrow('Missing stage: pass -c stage=<dev|prod>.');
  });

  it('rejects a stage that does not exist', () => {
    // Arrange / Act / Assert
    expect(() => stageConfigFor('staging')).toThrow(
      'Unknown stage "staging": expected one of dev, prod.',
    );
  });
});

describe('validateStageConfig', () => {
  it('accepts both shipped stages, whose generator is off by default', () => {
    // Arrange / Act / Assert
    for (const config of Object.values(STAGES)) {
      expect(() => validateStageConfig(config)).not.toThrow();
      expect(config.generatorEnabled).toBe(false);
    }
  });

  it('rejects a wildcard CORS origin', () => {
    // Arrange
    const config: StageConfig = {
      ...STAGES.prod,
      corsOrigins: ['*', 'https://rewards.example.com'],
    };

    // Act / Assert
    expect(() => validateStageConfig(config)).toThrow(
      'corsOrigins must not contain wildcards ("*")',
    );
  });

  it('requires the dashboard among the CORS origins', () => {
    // Arrange
    const config: StageConfig = { ...STAGES.dev, corsOrigins: ['http://localhost:3000'] };

    // Act / Assert
    expect(() => validateStageConfig(config)).toThrow(
      'corsOrigins must include the dashboard https://dev.rewards.example.com',
    );
  });
});

describe('pinned stages', () => {
  it('pins each stage to its own account, region and bootstrap qualifier', () => {
    // Arrange / Act / Assert
    expect(() => validateStages(STAGES)).not.toThrow();
    expect(STAGES.dev.account).not.toBe(STAGES.prod.account);
    expect(STAGES.dev.bootstrapQualifier).not.toBe(STAGES.prod.bootstrapQualifier);
  });

  it('refuses two stages that would deploy through the same bootstrap', () => {
    // Arrange: one account, and the qualifier copied from dev.
    const prod: StageConfig = {
      ...STAGES.prod,
      account: STAGES.dev.account,
      bootstrapQualifier: STAGES.dev.bootstrapQualifier,
    };

    // Act / Assert
    expect(() => validateStages({ dev: STAGES.dev, prod })).toThrow(
      'Invalid config for stage "prod": it shares account 111111111111, region eu-central-1 and bootstrap qualifier "rwdev" with stage "dev"',
    );
  });

  it('rejects an account id that is not 12 digits and a qualifier cdk bootstrap would refuse', () => {
    // Arrange
    const config: StageConfig = { ...STAGES.dev, account: '1234', bootstrapQualifier: 'Dev-Stage' };

    // Act / Assert
    expect(() => validateStageConfig(config)).toThrow(
      'account "1234" is not a 12-digit AWS account id; bootstrapQualifier "Dev-Stage" must be 1-10 lower-case letters or digits',
    );
  });
});

describe('assertDeployable', () => {
  const placeholderAccounts = Object.values(PLACEHOLDER_ACCOUNTS);

  it('refuses to deploy prod while its account is a placeholder', () => {
    // Act / Assert
    expect(() => assertDeployable(STAGES.prod, { placeholderAccounts })).toThrow(
      'Invalid config for stage "prod": account 222222222222 is a placeholder: set the real account id of "prod" in infra/src/config/stages.ts before deploying.',
    );
  });

  it('refuses credentials of another account', () => {
    // Arrange
    const prod: StageConfig = { ...STAGES.prod, account: '444455556666' };

    // Act / Assert
    expect(() =>
      assertDeployable(prod, { placeholderAccounts, callerAccount: '777788889999' }),
    ).toThrow('the credentials are for account 777788889999, but "prod" is pinned to 444455556666');
  });

  it('accepts a real account with credentials for it', () => {
    // Arrange
    const prod: StageConfig = { ...STAGES.prod, account: '444455556666' };

    // Act / Assert
    expect(() =>
      assertDeployable(prod, { placeholderAccounts, callerAccount: '444455556666' }),
    ).not.toThrow();
  });
});

describe('the CDK app', () => {
  const app = (context: Record<string, string>) =>
    spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), '--tsconfig', 'tsconfig.json', 'bin/app.ts'],
      {
        cwd: path.resolve(__dirname, '../..'),
        encoding: 'utf8',
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify(context),
          CDK_OUTDIR: mkdtempSync(path.join(tmpdir(), 'cdk-out-')),
        },
      },
    );

  it('fails a prod deploy synth with placeholders, saying what to set', () => {
    // Act
    const result = app({ stage: 'prod', deploy: 'true' });

    // Assert
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'account 222222222222 is a placeholder: set the real account id of "prod" in infra/src/config/stages.ts',
    );
  });
});
