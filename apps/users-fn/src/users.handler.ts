import { createRuntime } from '@peer-rewards/function-runtime';
import { createHttpHandler, type RouteHandler } from '@peer-rewards/http-kit';
import {
  getProfile,
  getUsersByName,
  listUsers,
  listUsersQuerySchema,
  registerProfile,
  usernameParamsSchema,
} from '@peer-rewards/rewards-domain';

const runtime = createRuntime('users-fn');
const { config } = runtime;

const list = listUsers(runtime);
const byName = getUsersByName(runtime);
const profile = getProfile(runtime);
const register = registerProfile(runtime);

/** `GET /users`: all users a page at a time, or `?usernames=a,b` in one batch. */
const getUsers: RouteHandler = async (request) => {
  // API Gateway's authorizer guards this route in AWS; the function refuses anonymous callers
  // too, so no other route or invocation path can list users without a token.
  request.caller();
  const query = request.query(listUsersQuerySchema);
  if (query.usernames) return { status: 200, body: await byName(query.usernames) };
  return { status: 200, body: await list({ limit: query.limit, cursor: query.cursor }) };
};

/** `GET /users/me`: your own profile, with the allowance you have left. */
const getMe: RouteHandler = async (request) => {
  const caller = request.caller();
  return { status: 200, body: await profile({ username: caller, caller }) };
};

/** `GET /users/{username}`: a profile with stats and BFF; a name no user can have is a 404. */
const getUser: RouteHandler = async (request) => {
  const caller = request.caller();
  const { username } = request.path(usernameParamsSchema);
  return { status: 200, body: await profile({ username, caller }) };
};

/** `PUT /users/me`: create (201) or update (200) the caller's profile. */
const putMe: RouteHandler = async (request) => {
  const { user, created } = await register({ caller: request.caller(), body: request.body() });
  return {
    status: created ? 201 : 200,
    body: user,
    headers: { location: `/users/${user.username}` },
  };
};

export const handler = createHttpHandler({
  name: 'users-fn',
  corsOrigins: config.corsOrigins,
  usernameClaim: config.usernameClaim,
  logger: runtime.log,
  routes: [
    { path: '/users', methods: { GET: getUsers } },
    { path: '/users/me', methods: { GET: getMe, PUT: putMe } },
    { path: '/users/{username}', methods: { GET: getUser } },
  ],
});
