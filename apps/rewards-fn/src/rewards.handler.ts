import { createRuntime } from '@peer-rewards/function-runtime';
import { createHttpHandler, type RouteHandler } from '@peer-rewards/http-kit';
import {
  feedQuerySchema,
  getFeed,
  getLeaderboard,
  getReward,
  giveReward,
  leaderboardQuerySchema,
  rewardIdParamsSchema,
} from '@peer-rewards/rewards-domain';
import { loadOpenApiDocument, type OpenApiDocument } from './openapi-document';

const runtime = createRuntime('rewards-fn');
const { config } = runtime;

const give = giveReward(runtime);
const feed = getFeed(runtime);
const one = getReward(runtime);
const leaderboard = getLeaderboard(runtime);
let openApiDocument: OpenApiDocument | undefined;

/** `POST /rewards`: 201 with the new reward, or 200 with the one an Idempotency-Key made before. */
const postReward: RouteHandler = async (request) => {
  const outcome = await give({
    giver: request.caller(),
    body: request.body(),
    idempotencyKey: request.headers['idempotency-key'],
  });
  return {
    status: outcome.kind === 'created' ? 201 : 200,
    body: outcome.reward,
    headers: { location: `/rewards/${outcome.reward.id}` },
  };
};

const getRewards: RouteHandler = async (request) => {
  request.caller();
  return { status: 200, body: await feed(request.query(feedQuerySchema)) };
};

/** `GET /rewards/{id}`: one reward; an id that is no ULID names nothing, a 404. */
const getOneReward: RouteHandler = async (request) => {
  request.caller();
  const { id } = request.path(rewardIdParamsSchema);
  return { status: 200, body: await one(id) };
};

const getBoard: RouteHandler = async (request) => {
  request.caller();
  return { status: 200, body: await leaderboard(request.query(leaderboardQuerySchema)) };
};

const health: RouteHandler = async () => ({
  status: 200,
  body: {
    status: 'ok',
    version: config.version,
    stage: config.stage,
    time: new Date().toISOString(),
  },
});

/** `GET /openapi.json`: the document the build wrote beside the bundle, read on first request. */
const openApi: RouteHandler = async () => {
  openApiDocument ??= loadOpenApiDocument(config.version, config.rules);
  return {
    status: 200,
    body: openApiDocument,
    headers: { 'cache-control': 'public, max-age=300' },
  };
};

export const handler = createHttpHandler({
  name: 'rewards-fn',
  corsOrigins: config.corsOrigins,
  usernameClaim: config.usernameClaim,
  logger: runtime.log,
  routes: [
    { path: '/rewards', methods: { GET: getRewards, POST: postReward } },
    { path: '/rewards/{id}', methods: { GET: getOneReward } },
    { path: '/leaderboard', methods: { GET: getBoard } },
    { path: '/health', public: true, methods: { GET: health } },
    { path: '/openapi.json', public: true, methods: { GET: openApi } },
  ],
});
