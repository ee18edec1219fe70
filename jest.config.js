process.env.TZ = 'UTC'

// Unit, backend and build tests. End-to-end tests in a real browser have their own config (jest.e2e.config.js).
const serverBabel = {
  configFile: false,
  babelrc: false,
  presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
}

const clientBabel = {
  configFile: false,
  babelrc: false,
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    '@babel/preset-typescript',
    ['@babel/preset-react', { runtime: 'automatic' }],
  ],
  plugins: [require('./babel.nutui')],
}

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      setupFiles: ['<rootDir>/tests/client-mocks/setup.js'],
      transform: { '^.+\\.[tj]sx?$': ['babel-jest', clientBabel] },
      // NutUI ships ES modules; let jest compile it like our code.
      transformIgnorePatterns: ['/node_modules/(?!@nutui/)'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/tests/client-mocks/taro.ts',
        '^@tarojs/components$': '<rootDir>/tests/client-mocks/components.tsx',
        '\\.(css|scss)$': '<rootDir>/tests/client-mocks/style.js',
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@common/(.*)$': '<rootDir>/common/$1',
        '^@server/(.*)$': '<rootDir>/server/$1',
      },
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server', '<rootDir>/common', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.[tj]sx?$': ['babel-jest', serverBabel] },
      // Kysely ships as ES modules only; Jest runs CommonJS, so it is compiled like our own code.
      // Taro's weapp runtime too, for the test that its aria-* keys agree with the built templates.
      transformIgnorePatterns: ['/node_modules/(?!kysely/|@tarojs/plugin-platform-weapp/dist/runtime)'],
    },
  ],
}
