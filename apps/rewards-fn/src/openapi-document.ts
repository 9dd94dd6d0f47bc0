/**
 * The OpenAPI document as `GET /openapi.json` serves it. The build writes it next to the bundle
 * (`openapi.json`, see `write-openapi-document.ts`), so no cold start compiles zod's JSON Schema
 * converter or the documented response schemas; the first request reads the file and fills in
 * what depends on the stage's configuration.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RewardRules } from '@peer-rewards/rewards-domain';

/** The file the build writes beside `index.js`, in the artifact and its zip. */
export const OPENAPI_FILE = 'openapi.json';

/** The parts of the document that differ per configuration; the rest is kept as it was read. */
export interface OpenApiDocument {
  info: { version: string };
  components: {
    schemas: { GiveReward: { properties: { points: { minimum: number; maximum: number } } } };
  };
}

/**
 * The built document for `version` and `rules`: the same bytes as generating it for them
 * (values are replaced where they stand, so the keys keep their order). Of the rules only the
 * points' bounds are in the document; the allowance and the message length are checks the
 * JSON Schema cannot show.
 */
export const configureOpenApiDocument = <T extends OpenApiDocument>(
  document: T,
  version: string,
  rules: RewardRules,
): T => {
  document.info.version = version;
  const points = document.components.schemas.GiveReward.properties.points;
  points.minimum = rules.minPoints;
  points.maximum = rules.maxPoints;
  return document;
};

/** Reads the built document from `dir` (the bundle's own folder) and configures it. */
export const loadOpenApiDocument = (
  version: string,
  rules: RewardRules,
  dir: string = __dirname,
): OpenApiDocument =>
  configureOpenApiDocument(
    JSON.parse(readFileSync(path.join(dir, OPENAPI_FILE), 'utf8')) as OpenApiDocument,
    version,
    rules,
  );
