// ESLint for the whole repository, type-aware through the project's own tsconfigs: the root
// tsconfig.json references the engine, Node, browser and e2e projects, and the project service
// picks the one that includes each file (shared/ is checked as the engine, without DOM or Node).
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // .scratch/ is a local, git-excluded scratch folder some of us keep; it is not part of the product.
  { ignores: ['out/', 'dist/', 'test-results/', '.tmp/', '.scratch/'] },
  js.configs.recommended,
  // The recommended type-checked set: floating and misused promises, unsafe `any`, unused vars.
  // strictTypeChecked was tried: its 2,000 findings were mostly `!` after indexed access (which
  // noUncheckedIndexedAccess makes routine) and numbers in template strings.
  tseslint.configs.recommendedTypeChecked,
  // A disable covers one line and gives its reason after `--`; never a block or a whole file.
  comments.recommended,
  {
    languageOptions: {
      parserOptions: {
        // electron-builder.ts is the one TypeScript file that no tsconfig includes.
        projectService: { allowDefaultProject: ['electron-builder.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@eslint-community/eslint-comments/require-description': 'error',
      '@eslint-community/eslint-comments/no-use': [
        'error',
        { allow: ['eslint-disable-next-line', 'eslint-disable-line'] },
      ],
      // Closed unions for kinds, statuses and codes: a switch that forgets a member is a bug.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Plain JavaScript (launchers, this file): outside every tsconfig, so syntax rules only.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // The two classic hook rules. The plugin's recommended set adds React Compiler rules
    // (set-state-in-effect, refs, immutability, …): the app does not use the compiler, and their
    // 12 findings each ask for a small redesign, left for a change of their own.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
