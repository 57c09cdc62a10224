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
    forbidden: ['accounts', 'command-queue', 'connectors', 'signals', 'execution', 'outcomes', 'privacy', 'drafting'],
    why: 'platform imports no feature module',
  },
  {
    module: 'connectors',
    forbidden: ['accounts', 'command-queue', 'signals', 'execution', 'outcomes', 'privacy', 'drafting'],
    why: 'connectors use only platform',
  },
  {
    module: 'accounts',
    forbidden: ['command-queue', 'connectors', 'signals', 'execution', 'outcomes', 'privacy', 'drafting'],
    why: 'accounts use only platform: they learn their activity through the account-activity port',
  },
  {
    module: 'command-queue',
    forbidden: ['signals', 'execution', 'outcomes', 'privacy'],
    why: 'command-queue imports none of signals, execution, outcomes: it learns from outcomes through the OUTCOME_HISTORY port',
  },
  {
    module: 'drafting',
    forbidden: ['accounts', 'command-queue', 'connectors', 'signals', 'execution', 'outcomes', 'privacy'],
    why: 'drafting imports only platform: execution hands it the move, sender and account, and plugs the preview source in',
  },
  { module: 'signals', forbidden: ['execution', 'outcomes', 'privacy'], why: 'signals -> command-queue only' },
  { module: 'execution', forbidden: ['signals', 'outcomes', 'privacy'], why: 'execution -> command-queue only' },
  { module: 'outcomes', forbidden: ['privacy'], why: 'outcomes may read every feature module but privacy, through its services' },
  { module: 'privacy', forbidden: [], why: "privacy reaches every module's data through that module's service" },
];

/** Every top-level folder of apps/api/src that owns code. */
const API_MODULES = ['platform', 'connectors', 'accounts', 'drafting', 'command-queue', 'signals', 'execution', 'outcomes', 'privacy'];

/** Tests may cross modules (a settings test reads every module's settings); production code may not. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e.ts', 'apps/api/src/testing/**', 'apps/sandbox/src/testing/**'];

/**
 * BullMQ workers come from the job registry (platform/queues): a job is an @OnJob method. Its own
 * rule name (typescript-eslint's twin of no-restricted-imports), because flat config replaces a
 * rule's options per file and the module rules above would otherwise drop this one.
 */
const JOBS_MESSAGE = 'Jobs rule: mark a provider method with @OnJob (platform/queues/on-job.decorator.ts); the job registry runs the workers.';
const JOBS_RULE = {
  files: ['apps/api/src/**/*.ts'],
  ignores: ['apps/api/src/platform/queues/**'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          {
            name: '@nestjs/bullmq',
            importNames: ['Processor', 'WorkerHost', 'OnWorkerEvent'],
            message: JOBS_MESSAGE,
          },
          {
            name: 'bullmq',
            importNames: ['Worker'],
            message: JOBS_MESSAGE,
          },
        ],
      },
    ],
  },
};

function moduleRule({ module, forbidden, why }) {
  return {
    files: [`apps/api/src/${module}/**/*.ts`],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length === 0
              ? []
              : [
                  {
                    regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
                    message: `Module rule (DESIGN.md): ${why}.`,
                  },
                ]),
            {
              // Allowed modules are reached through their exported services, never their tables.
              regex: `^(\\.\\./)+(${API_MODULES.filter((other) => other !== module).join('|')})/(.+/)?[^/]+\\.entity$`,
              message: "Module rule (DESIGN.md): a module owns its tables; call the owning module's service instead of importing its entity.",
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
  JOBS_RULE,
  prettier,
);
