/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // lowdb 7 and its writer steno are ESM-only; Node 20 requires them natively, Jest's
    // module system does not (before Node 24.9), so Jest compiles these two to CommonJS.
    '/node_modules/(lowdb|steno)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno)/)'],
  testTimeout: 20000,
  globalSetup: '<rootDir>/test/helpers/browser-note.js',
};
