export { handler } from './users.handler';
