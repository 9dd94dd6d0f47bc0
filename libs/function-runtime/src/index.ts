/** @peer-rewards/function-runtime: how every function is wired from its environment. */
export { createRuntime, type FunctionConfig, type FunctionRuntime } from './runtime';
export { secretKey, type SecretKeyOptions } from './cursor-key';
