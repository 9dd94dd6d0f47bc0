/**
 * The part of SSM Parameter Store the release CLI uses (`GetParameter`, `PutParameter`), over
 * SSM's own JSON protocol (`POST /` with `X-Amz-Target: AmazonSSM.<Operation>`), so the same
 * `@aws-sdk/client-ssm` code keeps the record of fully live versions locally as in AWS. The
 * parameters live as long as the stack: its versions start again at 1 on the next start.
 */

export interface SsmAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Set on errors: the code the SDK turns into its exception class. */
  readonly errorCode?: string;
}

interface Parameter {
  readonly value: string;
  readonly type: string;
  readonly version: number;
  readonly lastModified: number;
}

const error = (errorCode: string, message: string): SsmAnswer => ({
  status: 400,
  errorCode,
  body: { __type: errorCode, message },
});

export class LocalParameters {
  private readonly parameters = new Map<string, Parameter>();

  get(name: string): string | undefined {
    return this.parameters.get(name)?.value;
  }

  put(name: string, value: string, type = 'String'): number {
    const version = (this.parameters.get(name)?.version ?? 0) + 1;
    this.parameters.set(name, { value, type, version, lastModified: Date.now() });
    return version;
  }

  /** One SSM request: the operation from `X-Amz-Target`, its JSON input. */
  handle(target: string, input: Record<string, unknown>): SsmAnswer {
    const operation = target.replace(/^AmazonSSM\./, '');
    const name = input.Name;
    if (operation !== 'GetParameter' && operation !== 'PutParameter') {
      return error(
        'UnknownOperationException',
        `${operation} is not served locally (GetParameter, PutParameter are).`,
      );
    }
    if (typeof name !== 'string' || name.length === 0) {
      return error('ValidationException', 'Name is required.');
    }
    if (operation === 'GetParameter') {
      const found = this.parameters.get(name);
      if (!found) return error('ParameterNotFound', `Parameter ${name} not found.`);
      return {
        status: 200,
        body: {
          Parameter: {
            Name: name,
            Type: found.type,
            Value: found.value,
            Version: found.version,
            LastModifiedDate: found.lastModified / 1000,
            DataType: 'text',
          },
        },
      };
    }
    if (typeof input.Value !== 'string') return error('ValidationException', 'Value is required.');
    if (this.parameters.has(name) && input.Overwrite !== true) {
      return error(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const type = typeof input.Type === 'string' ? input.Type : 'String';
    return { status: 200, body: { Version: this.put(name, input.Value, type), Tier: 'Standard' } };
  }
}
