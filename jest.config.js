/**
 * One `npm test` runs four projects:
 *  - unit: pure logic, beside the code (`*.test.ts`), and the in-memory ports under
 *    test-support with the contract suites they share with the Table ones;
 *  - integration: against a real Azurite started for the run (`*.int.test.ts`);
 *  - e2e: the real Agents Playground driving the running bot (`*.e2e.test.ts`);
 *  - tab: the tab's React components in jsdom (`*.test.tsx` under tab/src).
 * Azurite is started once, in memory on a random port, by the global setup of the
 * integration and e2e projects, and only when one of their tests runs: the unit and tab
 * projects start no Azurite and no browser.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
/** Both projects share the one Azurite: the setup starts it once, the teardown stops it once. */
const withAzurite = {
  globalSetup: '<rootDir>/test-support/globalSetup.ts',
  globalTeardown: '<rootDir>/test-support/globalTeardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/{bot,scripts,bench,infra,test-support}/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$', '/node_modules/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      ...withAzurite,
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/{bot,scripts}/**/*.int.test.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      ...withAzurite,
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/{bot,scripts}/**/*.e2e.test.ts', '<rootDir>/tab/e2e/**/*.e2e.test.ts'],
    },
    {
      // The tab's component tests: React in jsdom against a fake API (tab/src/test).
      displayName: 'tab',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tab/tsconfig.test.json' }] },
      testMatch: ['<rootDir>/tab/src/**/*.test.tsx', '<rootDir>/tab/src/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tab/src/test/setup.ts'],
    },
  ],
};
