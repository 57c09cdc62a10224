import { randomBytes } from 'node:crypto';
import { OwnRedisServer } from '../../testing/redis-server';
import { TestApp, eventually, operatorHeaders, startTestApp } from '../../testing/test-app';

/**
 * A client address no other test, suite or earlier run has used, so its budget starts full in the
 * shared Redis. All of them share one /64: separate budgets also prove IPv6 is limited per address.
 */
function freshAddress(): string {
  const groups = randomBytes(8).toString('hex').match(/.{4}/g) ?? [];
  return `2001:db8::${groups.join(':')}`;
}

/** A window far longer than the test's timeout: the window opens with the address's first request, so no run can straddle its end. */
const WINDOW_SECONDS = 3600;

function requestAs(t: TestApp, remoteAddress: string, url = '/api/audit') {
  return t.app.inject({ method: 'GET', url, headers: operatorHeaders, remoteAddress });
}

describe('per-client rate limit stored in Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) });
  });
  afterAll(() => t.close());

  it('counts every /api request of a client against one budget, then answers 429 problem+json with Retry-After', async () => {
    const client = freshAddress();
    const served = [];
    // A known route and an unknown one draw on the same budget, and so does a path written with an
    // escape the router decodes (`%61` is `a`).
    for (const url of ['/api/audit', '/api/no-such-route', '/%61pi/audit', '/api/no-such-route', '/api/audit']) {
      served.push(await requestAs(t, client, url));
    }
    expect(served.map((r) => r.statusCode)).toEqual([200, 404, 200, 404, 200]);
    expect(served.map((r) => r.headers['ratelimit-remaining'])).toEqual(['4', '3', '2', '1', '0']);
    for (const response of served) {
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers['ratelimit-reset'])).toBeLessThanOrEqual(WINDOW_SECONDS);
    }

    const limited = await requestAs(t, client);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(limited.json()).toMatchObject({
      type: 'urn:caseyos:problem:rate-limited',
      status: 429,
      instance: '/api/audit',
      detail: `More than 5 requests in ${WINDOW_SECONDS} s; retry after ${retryAfter} s.`,
    });

    // Health probes are outside /api: never limited, never counted.
    const health = await requestAs(t, client, '/health');
    expect(health.statusCode).toBe(200);
    expect(health.headers['ratelimit-limit']).toBeUndefined();
  });

  it('gives every client address a budget of its own', async () => {
    const [busy, quiet] = [freshAddress(), freshAddress()];
    for (let i = 0; i < 5; i += 1) expect((await requestAs(t, busy)).statusCode).toBe(200);
    expect((await requestAs(t, busy)).statusCode).toBe(429);

    const other = await requestAs(t, quiet);
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe('4');
    expect((await requestAs(t, busy)).statusCode).toBe(429);
  });
});

describe('rate limit behind a reverse proxy', () => {
  const proxy = freshAddress();
  const through = (t: TestApp, client: string) =>
    t.app.inject({ method: 'GET', url: '/api/audit', headers: { ...operatorHeaders, 'x-forwarded-for': client }, remoteAddress: proxy });

  it('counts each client by X-Forwarded-For when TRUST_PROXY names the proxy, and ignores the header otherwise', async () => {
    const trusting = await startTestApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS), TRUST_PROXY: '1' });
    try {
      const [busy, quiet] = [freshAddress(), freshAddress()];
      for (let i = 0; i < 2; i += 1) expect((await through(trusting, busy)).statusCode).toBe(200);
      expect((await through(trusting, busy)).statusCode).toBe(429);
      expect((await through(trusting, quiet)).statusCode).toBe(200);
    } finally {
      await trusting.close();
    }
    const direct = await startTestApp({ RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) });
    try {
      // A client naming a new address each time is still the one address it connects from.
      for (let i = 0; i < 2; i += 1) expect((await through(direct, freshAddress())).statusCode).toBe(200);
      expect((await through(direct, freshAddress())).statusCode).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('rate limit while Redis is unreachable', () => {
  let redis: OwnRedisServer;
  let t: TestApp;
  beforeAll(async () => {
    redis = await OwnRedisServer.start();
    t = await startTestApp({ REDIS_URL: redis.url, RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('serves requests past the limit while Redis is down, and limits again once it is back', async () => {
    const statuses = async (client: string, count: number) => {
      const seen: number[] = [];
      for (let i = 0; i < count; i += 1) seen.push((await requestAs(t, client)).statusCode);
      return seen;
    };
    const limited = freshAddress();
    expect(await statuses(limited, 3)).toEqual([200, 200, 429]);

    await redis.stop();
    const client = freshAddress();
    expect(await statuses(client, 5)).toEqual([200, 200, 200, 200, 200]);
    // Nothing was counted: the headers show the whole budget.
    const uncounted = await requestAs(t, client);
    expect([uncounted.headers['ratelimit-remaining'], uncounted.headers['ratelimit-reset']]).toEqual(['2', '0']);
    // A client this process already saw past its budget stays limited for the window: that needs no Redis.
    expect(await statuses(limited, 2)).toEqual([429, 429]);

    // A new server: the counts and the loaded script are gone, and the limiter loads it again.
    await redis.start();
    await eventually(async () => expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200), 30_000, 250);
    expect(await statuses(freshAddress(), 3)).toEqual([200, 200, 429]);
  });
});
