// End-to-end tests: the H5 build served by the real server, driven in Debian's Chromium. Run after build:h5.
process.env.TZ = 'UTC'

module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
  transform: {
    '^.+\\.[tj]sx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
}
