/**
 * cdk-nag names a wildcard resource in an acknowledgement id exactly as the template holds it:
 * literal text where the stack is pinned to an account and region, `<AWS::Region>` for a pseudo
 * parameter and `<Logical.Attr>` for an attribute otherwise. This renders an ARN the same way,
 * so an acknowledgement keeps matching whether or not a stage is pinned.
 */
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const render = (part: unknown): string => {
  if (typeof part === 'string') return part;
  const token = part as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: unknown };
  if (token.Ref) return `<${token.Ref}>`;
  if (token['Fn::GetAtt']) return `<${token['Fn::GetAtt'].join('.')}>`;
  if (token['Fn::Join']) {
    const [separator, parts] = token['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  throw new Error(`Cannot render ${JSON.stringify(part)} for an acknowledgement.`);
};

/** The `Resource::…` part of an `AwsSolutions-IAM5[...]` id for an ARN of `scope`'s stack. */
export const nagResourceOf = (scope: IConstruct, arn: string): string =>
  render(Stack.of(scope).resolve(arn));

/** Acknowledgement id of a wildcard resource. */
export const iam5ResourceId = (scope: IConstruct, arn: string): string =>
  `AwsSolutions-IAM5[Resource::${nagResourceOf(scope, arn)}]`;
