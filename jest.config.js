// Native ESM Jest (Nest 12 is ESM-only); swc compiles TypeScript with decorator metadata,
// without which Nest silently injects `undefined` for constructor dependencies.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  setupFiles: ['<rootDir>/test/setup-env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/quiet-logger.ts'],
  // Workspace packages export their TypeScript sources under this condition (their dist/ under "default"), so the
  // tests run the sources without a build; tsconfig.json names the same condition for the type check.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', '@telecollecte/source'] },
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/admin/**/*.spec.ts',
        '<rootDir>/packages/*/src/**/*.spec.ts',
      ],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Crashes, outages, concurrency and attacks against real processes: slower, run by `npm run test:reliability`.
    { ...common, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'] },
  ],
};
