import Redis from 'ioredis';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

describe('per-client rate limit stored in Redis', () => {
  let t: TestApp;
  // A Redis database of its own, so other suites' requests in the same window do not count here.
  const redisUrl = `${process.env.REDIS_URL}/3`;

  beforeAll(async () => {
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    await redis.quit();
    t = await startTestApp({ REDIS_URL: redisUrl, RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once a client passes the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await fetch(`${t.baseUrl}/api/audit`, { headers: operatorHeaders })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const limited = await fetch(`${t.baseUrl}/api/audit`, { headers: operatorHeaders });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limited.json()).type).toBe('urn:caseyos:problem:rate-limited');

    // Health probes are outside /api and never limited.
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
  });
});
