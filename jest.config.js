/** Every test, unit and integration, runs against the real local Neo4j that the global setup starts. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/stop-apps.ts'],
  testTimeout: 60000,
  // Integration tests share one database; running files one at a time keeps them independent.
  maxWorkers: 1,
};
