process.env.TZ = 'UTC'

// Unit, backend and build tests. End-to-end tests in a real browser have their own config (jest.e2e.config.js).
const serverBabel = {
  configFile: false,
  babelrc: false,
  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
}

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server', '<rootDir>/common', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.[tj]sx?$': ['babel-jest', serverBabel] },
      // Kysely ships as ES modules only; Jest runs CommonJS, so it is compiled like our own code.
      transformIgnorePatterns: ['/node_modules/(?!kysely/)'],
    },
  ],
}
