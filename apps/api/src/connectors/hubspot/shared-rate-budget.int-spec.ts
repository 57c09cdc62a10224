import Redis from 'ioredis';
import { RedisRateBudget } from './shared-rate-budget';

describe('RedisRateBudget (real Redis)', () => {
  let first: Redis;
  let second: Redis;
  const prefix = `test:hubspot-budget:${Date.now()}-${Math.random().toString(36).slice(2)}`;

  beforeAll(() => {
    // Two clients stand for two processes (the API and a worker) of one installation.
    first = new Redis(process.env.REDIS_URL as string);
    second = new Redis(process.env.REDIS_URL as string);
  });
  afterAll(async () => {
    const keys = await first.keys(`${prefix}:*`);
    if (keys.length > 0) await first.del(...keys);
    await Promise.all([first.quit(), second.quit()]);
  });

  it('grants at most the limit per window across processes, and says how long the next must wait', async () => {
    const api = new RedisRateBudget(first, prefix);
    const worker = new RedisRateBudget(second, prefix);
    expect(await api.take('calls', 3, 10_000)).toBe(0);
    expect(await worker.take('calls', 3, 10_000)).toBe(0);
    expect(await api.take('calls', 3, 10_000)).toBe(0);
    const wait = await worker.take('calls', 3, 10_000);
    expect(wait).toBeGreaterThan(9_000);
    expect(wait).toBeLessThanOrEqual(10_000);
    // Another budget is counted apart.
    expect(await worker.take('searches', 3, 1_000)).toBe(0);
  });

  it('holds every process during a pause, and a shorter pause does not cut a longer one', async () => {
    const api = new RedisRateBudget(first, prefix);
    const worker = new RedisRateBudget(second, prefix);
    await api.pause('paused-budget', 5_000);
    await worker.pause('paused-budget', 1_000);
    const wait = await worker.take('paused-budget', 100, 10_000);
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });
});
