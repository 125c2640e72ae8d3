import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import patterns that reach into a workspace package instead of its entry/exports. */
function packageInternals() {
  return [
    { group: ['@tuoyu/*/src', '@tuoyu/*/src/**'], message: "Import a package through its entry ('@tuoyu/<name>') or a path its package.json exports." },
    { group: ['**/packages/*/**'], message: "Import a package through its entry ('@tuoyu/<name>'), not a relative path into packages/." },
  ];
}

/** An import of the other app: apps never depend on each other. */
function appImport(app) {
  return { group: [`@tuoyu/${app}`, `@tuoyu/${app}/**`, `**/${app}/src/**`], message: `Apps may not import each other (${app}); move what both need into packages/.` };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.swc/**',
      '**/.data/**',
      '.test-artifacts/**',
      'packages/db-types/src/database.ts',
      'supabase/functions/**/deno.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['admin/**/*.{ts,tsx}', 'miniapp/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Apps depend on packages, never on each other, and only through a package's entry or its
  // `exports` (never `@tuoyu/<pkg>/src/…` or a relative path into packages/).
  {
    files: ['admin/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...packageInternals(), appImport('miniapp')] }],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...packageInternals(), appImport('admin')] }],
    },
  },
  // The environment is read once, in each app's validated env module.
  {
    files: ['admin/src/**/*.{ts,tsx}', 'miniapp/src/**/*.{ts,tsx}'],
    ignores: ['admin/src/config/env.ts', 'miniapp/src/config/env.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MetaProperty'][property.name='env']",
          message: 'Read import.meta.env only in src/config/env.ts (the validated env module) and import from there.',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read process.env only in src/config/env.ts (the validated env module) and import from there.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'miniapp/babel.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
