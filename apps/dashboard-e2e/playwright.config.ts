import { defineConfig } from '@playwright/test';
import path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The API runs in sandbox mode against its own emulator, so the Integrations page and the
// providers' connect flow are real; beside another run, E2E_PORT alone moves both.
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? port + 90);
const sandboxURL = `http://127.0.0.1:${sandboxPort}`;
const root = path.join(__dirname, '../..');

// The tests sign in with this token; the API under test is started with it below.
process.env.ADMIN_TOKEN ??= 'e2e-operator-token-0123456789abcdef';

export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  outputDir: path.join(__dirname, '../../dist/.playwright/dashboard-e2e/test-results'),
  // One 2-core box runs the API, Postgres, Redis and Chromium: serial and patient beats flaky.
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: path.join(__dirname, '../../dist/.playwright/dashboard-e2e/report') }]],
  use: {
    baseURL,
    browserName: 'chromium',
    // Never download browsers: drive the system Chromium.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 800 },
    // A fixed starting theme, so the dark-mode test knows what a toggle should produce.
    colorScheme: 'light',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: 'node dist/sandbox/apps/sandbox/src/main.js',
      cwd: root,
      url: `${sandboxURL}/_sandbox/health`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        SANDBOX_PORT: String(sandboxPort),
        // A still world: only what the tests do changes it.
        SANDBOX_TICK_MS: '0',
        SANDBOX_LOG_LEVEL: 'warn',
      },
    },
    {
      // In sandbox mode the API reconnects both providers at every start.
      command: 'node dist/api/apps/api/src/main.js',
      cwd: root,
      url: `${baseURL}/ready`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        ADMIN_TOKEN: process.env.ADMIN_TOKEN,
        DATABASE_URL: process.env.DATABASE_URL_E2E ?? process.env.DATABASE_URL ?? '',
        REDIS_URL: process.env.REDIS_URL ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        // Both providers are connected to the sandbox at start-up, through the real OAuth flow;
        // the consent screen sends the browser back to PUBLIC_URL, the origin the tests use.
        SANDBOX_URL: sandboxURL,
        PUBLIC_URL: baseURL,
      },
    },
  ],
});
