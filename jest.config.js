/**
 * Four projects: everything in Node; the function and concurrency suites again on the CloudBase
 * stand-in (the real node SDK, optimistic concurrency); the weapp build rendered in jsdom by
 * miniprogram-simulate; the H5 build in headless Chromium.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json' }];
const moduleNameMapper = {
  '^@domain/(.*)$': '<rootDir>/src/domain/$1',
  '^@backend/(.*)$': '<rootDir>/backend/$1',
};
module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/__tests__/weapp/', '<rootDir>/__tests__/browser/'],
      setupFiles: ['<rootDir>/__tests__/support/pgliteTemplate.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/nodeTimeout.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'cloudbase',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/functions/**/*.test.ts', '<rootDir>/__tests__/concurrency/**/*.test.ts'],
      // Already on the stand-in in the node project. And, in `npm test` only, three suites whose
      // subject is decided before any database semantics matter (who may act, content checks,
      // file delivery) and that were a fifth of this project's time: `npm run test:cloudbase`
      // (XIANGYUE_CLOUDBASE_ALL=1) runs them on the stand-in too.
      testPathIgnorePatterns: [
        '<rootDir>/__tests__/concurrency/cloudbase.test.ts',
        ...(process.env.XIANGYUE_CLOUDBASE_ALL === '1'
          ? []
          : ['<rootDir>/__tests__/functions/authorization.matrix.test.ts', '<rootDir>/__tests__/functions/textInput.test.ts', '<rootDir>/__tests__/functions/sheets.delivery.test.ts']),
      ],
      setupFiles: ['<rootDir>/__tests__/support/cloudbaseProject.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/cloudbaseTimeout.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/weapp/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/weappTimeout.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      setupFiles: ['<rootDir>/__tests__/support/pgliteTemplate.ts'],
      testMatch: ['<rootDir>/__tests__/browser/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
  ],
};
