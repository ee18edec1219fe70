import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'cloudfunctions/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The client may reach the backend only through action tables (zod schemas and types), never services.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@server/(?!features(/index)?$|features/[a-z-]+/actions$)',
              message: 'The client imports only action tables (server/features/<domain>/actions) from the backend.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read arbitrary JSON answers.
    files: ['**/*.test.ts', '**/*.e2e.ts', 'server/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
