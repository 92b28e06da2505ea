/**
 * ESLint flat config: the type-aware checks that catch what the compiler does not (promises
 * nobody awaits, async callbacks where a void one is expected, `await` on a non-promise, a
 * `switch` over a union that misses a member) and file-level import cycles.
 *
 * Types come from the TypeScript 6 JS API (`typescript` is aliased to `@typescript/typescript6`
 * in package.json) because typescript-eslint cannot load TypeScript 7, which has no JS API;
 * the build and `typecheck` use TypeScript 7's compiler from the `typescript-7` alias.
 * On top of those: ESLint's and typescript-eslint's recommended (non-type-checked) sets.
 * Style is left to the compiler settings and review: no formatting rules here.
 */
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      'import-x': importX,
    },
    settings: {
      // Without these import-x reads only .js files, and no-cycle never follows a .ts import.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A `default:` does not excuse a missing member: a new alert kind must be handled on purpose.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      // Cycles between our own files only; packages are not followed.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `_`-named bindings are deliberately unused (dropping a key with a rest spread, a skipped argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Finding control characters is part of the job here (DOS EOF 0x1A, C0/C1 in stored text).
      'no-control-regex': 'off',
    },
  },
  {
    // Expected CLI output is column-aligned: literal runs of spaces read as the output does.
    files: ['test/**/*.ts'],
    rules: { 'no-regex-spaces': 'off' },
  },
);
