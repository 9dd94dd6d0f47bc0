/**
 * `write-openapi-document <file>`: writes the OpenAPI document of the API, generated from the
 * domain's zod schemas with the product's rules, to `<file>`. rewards-fn's `openapi` target runs
 * it after esbuild, into `dist/apps/rewards-fn/openapi.json`, which the handler serves.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RULES } from '@peer-rewards/rewards-domain';
import { buildOpenApiDocument } from './openapi';

/** The version the built file carries until the function's own replaces it. */
export const BUILT_VERSION = '0.0.0-built';

/** The document as the build writes it: JSON as the handler answers it, with a final newline. */
export const builtOpenApiDocument = (): string =>
  `${JSON.stringify(buildOpenApiDocument(BUILT_VERSION, DEFAULT_RULES))}\n`;

const main = (argv: readonly string[]): number => {
  const [file] = argv;
  if (!file || file.startsWith('-')) {
    console.error('usage: write-openapi-document <file>');
    return 2;
  }
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const text = builtOpenApiDocument();
  writeFileSync(target, text);
  console.log(`${path.relative(process.cwd(), target)}: ${Buffer.byteLength(text)} bytes`);
  return 0;
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
