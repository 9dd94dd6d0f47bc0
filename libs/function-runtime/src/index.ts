/** @peer-rewards/function-runtime: how every function is wired from its environment. */
export {
  createRuntime,
  loadConfig,
  systemClock,
  ulidGenerator,
  type FunctionConfig,
  type FunctionRuntime,
} from './runtime';
