// Lint for the whole tree (`npm run lint`, a step of `npm test`): typescript-eslint with type
// information, the Nx project boundaries by tag, and the API's one-way module rules (DESIGN.md).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Inside the API, what each module must not import, and why (docs/ARCHITECTURE.md). */
const API_MODULE_RULES = [
  {
    module: 'platform',
    forbidden: ['accounts', 'command-queue', 'connectors', 'signals', 'execution', 'outcomes'],
    why: 'platform imports no feature module',
  },
  {
    module: 'connectors',
    forbidden: ['accounts', 'command-queue', 'signals', 'execution', 'outcomes'],
    why: 'connectors use only platform',
  },
  {
    module: 'command-queue',
    forbidden: ['signals', 'execution', 'outcomes'],
    why: 'command-queue imports none of signals, execution, outcomes: it learns from outcomes through the OUTCOME_HISTORY port',
  },
  { module: 'signals', forbidden: ['execution', 'outcomes'], why: 'signals -> command-queue only' },
  { module: 'execution', forbidden: ['signals', 'outcomes'], why: 'execution -> command-queue only' },
];

/** Tests may cross modules (a settings test reads every module's settings); production code may not. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e.ts', 'apps/api/src/testing/**', 'apps/sandbox/src/testing/**'];

function moduleRule({ module, forbidden, why }) {
  return {
    files: [`apps/api/src/${module}/**/*.ts`],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
              message: `Module rule (DESIGN.md): ${why}.`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.data/**',
      '**/.nx/**',
      '**/.angular/**',
      '**/coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The projects' own tsconfigs (each app has an app and a spec one), so lint sees what tsc sees.
        project: ['apps/*/tsconfig*.json', 'libs/*/tsconfig*.json', 'tools/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:sandbox', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    rules: {
      // An async method often exists to satisfy an interface (a detector that finds nothing).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read parsed JSON bodies and SDK answers as they come; strict typing there buys little.
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Angular's validators (Validators.required) are static functions meant to be passed as they are.
    files: ['apps/dashboard/src/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The sandbox echoes what a client sent, whatever its type, into answers and errors, as the real APIs do.
    files: ['apps/sandbox/src/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['apps/dashboard/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly' } },
  },
  ...API_MODULE_RULES.map(moduleRule),
  prettier,
);
