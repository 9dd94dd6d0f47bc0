import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StageConfig } from '../config/stages';

const RETENTION: Record<StageConfig['logRetentionDays'], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  14: RetentionDays.TWO_WEEKS,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  180: RetentionDays.SIX_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

/** The CloudWatch Logs retention of a configured number of days. */
export const retentionOf = (days: StageConfig['logRetentionDays']): RetentionDays =>
  RETENTION[days];
