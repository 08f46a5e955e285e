/** Two projects: everything in Node, and the weapp build rendered in jsdom by miniprogram-simulate. */
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
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/weapp/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/browser/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper,
    },
  ],
};
