export { handler } from './rewards.handler';
