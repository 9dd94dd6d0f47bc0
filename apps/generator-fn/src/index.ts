export { handler } from './generator.handler';
