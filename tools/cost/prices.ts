/**
 * AWS list prices the cost model uses: us-east-1, on-demand, free tiers left out (a company's
 * bill is the worst case), first volume tier only (a peer-rewards service never leaves it).
 * Re-check them on the AWS pricing pages before quoting a figure, and move `asOf` with them.
 */
export interface Prices {
  /** When these prices were read off the AWS pricing pages. */
  readonly asOf: string;
  readonly region: string;
  /** Lambda on arm64 (Graviton): per GB-second of billed duration, and per request. */
  readonly lambdaGbSecond: number;
  readonly lambdaRequest: number;
  /** API Gateway HTTP API: per request (first 300 million a month). */
  readonly httpApiRequest: number;
  /** DynamoDB on-demand, Standard table class: per read and write request unit, per GB-month. */
  readonly dynamodbReadUnit: number;
  readonly dynamodbWriteUnit: number;
  readonly dynamodbStorageGbMonth: number;
  /** CloudWatch Logs, Standard log class: per GB ingested. */
  readonly logsIngestionGb: number;
  /** CloudFront to North America and Europe: per GB out (first 10 TB) and per 10,000 HTTPS requests. */
  readonly cloudfrontGb: number;
  readonly cloudfrontHttpsPer10k: number;
  /** Data transfer out of AWS to the internet (API answers): per GB (first 10 TB). */
  readonly dataTransferOutGb: number;
}

export const PRICES: Prices = {
  asOf: '2024-11-15',
  region: 'us-east-1',
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
  httpApiRequest: 1.0 / 1_000_000,
  // After the on-demand price reduction of 2024-11-01.
  dynamodbReadUnit: 0.125 / 1_000_000,
  dynamodbWriteUnit: 0.625 / 1_000_000,
  dynamodbStorageGbMonth: 0.25,
  logsIngestionGb: 0.5,
  cloudfrontGb: 0.085,
  cloudfrontHttpsPer10k: 0.01,
  dataTransferOutGb: 0.09,
};
