import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../create-app';
import { AdjustableClock, CLOCK } from '../platform/clock/clock';
import { loadConfig } from '../platform/config/load-config';

export const TEST_ADMIN_TOKEN = 'test-operator-token-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  close(): Promise<void>;
  /** Moves the app's clock (NODE_ENV=test) forward, e.g. past a rate-limit window. */
  advanceClock(ms: number): void;
}

/**
 * Boots the whole API (role all) on real Postgres and Redis from DATABASE_URL and REDIS_URL,
 * listening on a free loopback port.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    ...process.env,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HEARTBEAT_EVERY_SECONDS: '1',
    // Suites share one Redis; only the rate-limit suite wants to hit the limit.
    RATE_LIMIT_MAX: '1000000',
    ...env,
  });
  const app = await createHttpApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => closeOrFail(app, CLOSE_TIMEOUT_MS),
    advanceClock: (ms) => app.get<AdjustableClock>(CLOCK).advance(ms),
  };
}

/**
 * A close that takes longer is a leak to report, not to wait out: an app left running would keep
 * taking later suites' jobs and hold the test run open.
 */
const CLOSE_TIMEOUT_MS = 30_000;

async function closeOrFail(app: NestFastifyApplication, ms: number): Promise<void> {
  const closing = app.close();
  if (await settlesWithin(closing, ms)) return;
  // A request that never ends (an event stream) holds the HTTP server's close: drop the
  // connections so the rest of the app closes too, then fail the suite naming the hang.
  app.getHttpServer().closeAllConnections();
  const closedOnceDropped = await settlesWithin(closing, ms);
  throw new Error(
    `the test app did not close within ${ms / 1000} s; ${closedOnceDropped ? 'it closed once its open connections were dropped (a request that never ended?)' : 'not even once its connections were dropped'}`,
  );
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export const operatorHeaders = { 'x-admin-token': TEST_ADMIN_TOKEN };

/** Polls until the check passes or the deadline expires; for effects that land asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
