// @ts-check
// ESLint flat config: ESLint's and typescript-eslint's recommended rules (type-unaware) for the
// extension/CLI sources, the tests and the Node scripts. Formatting belongs to Prettier
// (.prettierrc.json): neither recommended set has formatting rules, so none competes with it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    '.vscode-host/',
    'test/fixtures/',
    'src/engine/generated/',
    'src/report/generated/',
    'bench/node_modules/',
    'bench/.generated/',
    '**/*.vsix',
    'docs/images/',
  ]),
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { A, B, ...rest } = obj` drops keys on purpose; tsc's noUnusedLocals accepts it too.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The callbacks given to page.evaluate/waitForFunction run in the browser page, not in Node.
    files: ['scripts/vscode-host/code-server-host.mjs'],
    languageOptions: { globals: { document: 'readonly' } },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: {
      // Tests match YAML output literally: `/    store: …/` shows the indentation better than ` {4}`.
      'no-regex-spaces': 'off',
      // Tests assert on ANSI colour codes (\u001b) and ASCII ranges (\x00-\x7f) on purpose.
      'no-control-regex': 'off',
    },
  },
);
