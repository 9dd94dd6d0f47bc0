export { handler } from './slack.handler';
