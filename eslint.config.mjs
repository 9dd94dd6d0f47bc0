import nx from '@nx/eslint-plugin';

/** Calls that focus or skip tests: they hide failures, so the lint fails on them. */
const hiddenTests = ['describe', 'it', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({
    object,
    property,
    message: 'Focused or skipped tests hide failures.',
  })),
);

const hiddenTestGlobals = [
  { name: 'fit', message: 'Focused tests hide failures.' },
  { name: 'fdescribe', message: 'Focused tests hide failures.' },
  { name: 'xit', message: 'Skipped tests hide failures.' },
  { name: 'xdescribe', message: 'Skipped tests hide failures.' },
];

/** Imports that would make the domain impure: I/O, AWS, Middy, Lambda types. */
const impureImports = [
  '@aws-sdk/*',
  '@smithy/*',
  '@middy/*',
  'aws-lambda',
  '@types/aws-lambda',
  'aws-cdk-lib',
  'node:*',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'os',
  'path',
  'process',
];

/** The layers a Lambda function is built from; the tools build on them too. */
const functionLayers = [
  'type:domain',
  'type:adapter',
  'type:http',
  'type:config',
  'type:runtime',
  'type:events',
];

/**
 * Which tags may import which. `testsOnly` widens it for test code: the dashboard's browser test
 * and screenshot drive the whole local stack, which the page itself must never import.
 */
const depConstraints = ({ testsOnly = false } = {}) => [
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain'],
    bannedExternalImports: impureImports,
  },
  {
    sourceTag: 'type:config',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: impureImports,
  },
  // The payload 2.0 event builder and Lambda context: for the local stack and for tests.
  { sourceTag: 'type:events', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:config'] },
  {
    sourceTag: 'type:http',
    onlyDependOnLibsWithTags: ['type:domain', 'type:config', 'type:events'],
  },
  {
    sourceTag: 'type:runtime',
    onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:http', 'type:config'],
  },
  { sourceTag: 'type:function', onlyDependOnLibsWithTags: functionLayers },
  {
    // The pre-traffic hook of CodeDeploy: it reads only the manifest's probes.
    sourceTag: 'type:hook',
    onlyDependOnLibsWithTags: ['type:config'],
  },
  {
    sourceTag: 'type:local',
    onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:config', 'type:events'],
  },
  {
    sourceTag: 'type:web',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:config',
      ...(testsOnly ? ['type:local', 'type:events'] : []),
    ],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: [...functionLayers, 'type:function', 'type:local', 'type:tool'],
  },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:adapter', 'type:config'] },
];

const moduleBoundaries = (options) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: depConstraints(options),
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '**/.data',
      '**/.nx',
      'infra/cdk.out',
      '**/tmp',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(),
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-properties': ['error', ...hiddenTests],
      'no-restricted-globals': ['error', ...hiddenTestGlobals],
    },
  },
  {
    // Nx bans npm packages by tag; Node's own modules and I/O globals are banned here.
    files: ['libs/rewards-domain/**/*.ts', 'libs/platform-manifest/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The domain is pure: no Node I/O.' },
            {
              group: impureImports.filter((name) => !name.includes('*')),
              message: 'The domain is pure: no I/O, AWS, Middy or Lambda imports.',
            },
            { group: ['@aws-sdk/*', '@smithy/*', '@middy/*'], message: 'The domain is pure.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...hiddenTestGlobals,
        {
          name: 'process',
          message: 'The domain reads no environment: take settings as arguments.',
        },
        { name: 'require', message: 'The domain imports statically.' },
        { name: 'fetch', message: 'The domain does no I/O.' },
      ],
    },
  },
  {
    files: ['apps/dashboard/test/**/*.ts', 'apps/dashboard/browser-support/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testsOnly: true }) },
  },
];
