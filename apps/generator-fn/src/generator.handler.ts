import middy from '@middy/core';
import { createRuntime } from '@peer-rewards/function-runtime';
import { emfMetrics, withDeadline } from '@peer-rewards/http-kit';
import { generateRandomRewards, seededRandom } from '@peer-rewards/rewards-domain';
import type { Context, ScheduledEvent } from 'aws-lambda';

const runtime = createRuntime('generator-fn');
const generate = generateRandomRewards(runtime);

export interface GeneratorResult {
  readonly runId: string;
  readonly created: number;
  readonly replayed: number;
  readonly skipped: number;
  readonly rewardIds: string[];
}

/**
 * Makes a few demo rewards per scheduled event. The event id seeds the choices and keys the
 * rewards, so a retried invocation of the same event creates nothing twice.
 */
const generateOnSchedule = async (
  event: Partial<ScheduledEvent>,
  context: Context,
): Promise<GeneratorResult> => {
  const runId = typeof event?.id === 'string' && event.id ? event.id : context.awsRequestId;
  const log = runtime.log.child({ awsRequestId: context.awsRequestId, runId });
  const result = await generate({
    runId,
    count: runtime.config.rewardsPerRun,
    random: seededRandom(runId),
  });
  const summary = {
    runId,
    created: result.created.length,
    replayed: result.replayed,
    skipped: result.skipped,
    rewardIds: result.created.map((reward) => reward.id),
  };
  log.info('generated rewards', summary);
  return summary;
};

// A failed run counts as a server error in the same metric contract as the HTTP functions (and
// still throws, so Lambda's own Errors metric and EventBridge's retry see it too).
// The run stops its database calls before the deadline, as the HTTP functions do.
export const handler = middy<Partial<ScheduledEvent>, GeneratorResult, Error, Context>()
  .use(emfMetrics())
  .handler((event, context) => withDeadline(context, () => generateOnSchedule(event, context)));
