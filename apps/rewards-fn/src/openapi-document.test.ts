import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_RULES, createRules } from '@peer-rewards/rewards-domain';
import { buildOpenApiDocument } from './openapi';
import { OPENAPI_FILE, configureOpenApiDocument, loadOpenApiDocument } from './openapi-document';
import { BUILT_VERSION, builtOpenApiDocument } from './write-openapi-document';

describe('configureOpenApiDocument', () => {
  it.each([
    ['the product rules', '1.2.3', DEFAULT_RULES],
    ['another allowance', '2.0.0', createRules({ monthlyAllowance: 40 })],
    [
      'other points and message bounds',
      '0.9.1-rc.1',
      createRules({ minPoints: 5, maxPoints: 25, monthlyAllowance: 60, maxMessageLength: 120 }),
    ],
  ])(
    'turns the built document into the one generated for %s, byte for byte',
    (_name, version, rules) => {
      // Act
      const served = configureOpenApiDocument(JSON.parse(builtOpenApiDocument()), version, rules);
      // Assert
      expect(JSON.stringify(served)).toBe(JSON.stringify(buildOpenApiDocument(version, rules)));
    },
  );

  it('is written with the placeholder version and the product rules', () => {
    // Act
    const built = JSON.parse(builtOpenApiDocument());
    // Assert
    expect(built.info.version).toBe(BUILT_VERSION);
    expect(built.components.schemas.GiveReward.properties.points).toMatchObject({
      minimum: DEFAULT_RULES.minPoints,
      maximum: DEFAULT_RULES.maxPoints,
    });
  });
});

describe('loadOpenApiDocument', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'openapi-document-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the document beside the bundle and fills in the version and rules', () => {
    // Arrange
    writeFileSync(path.join(dir, OPENAPI_FILE), builtOpenApiDocument());
    const rules = createRules({ maxPoints: 50 });
    // Act
    const document = loadOpenApiDocument('3.1.4', rules, dir);
    // Assert
    expect(JSON.stringify(document)).toBe(JSON.stringify(buildOpenApiDocument('3.1.4', rules)));
  });

  it('says which file is missing when the build wrote none', () => {
    // Act
    const load = () => loadOpenApiDocument('3.1.4', DEFAULT_RULES, dir);
    // Assert
    expect(load).toThrow(path.join(dir, OPENAPI_FILE));
  });
});
