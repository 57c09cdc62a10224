import type Redis from 'ioredis';
import { leasedRedisStore } from './leased-rate-limit-store';

/** A stand-in for Redis's lease script: counts per key, the window never ends within the test. */
function fakeRedis() {
  const counts = new Map<string, number>();
  const calls: string[] = [];
  const redis = {
    defineCommand: () => undefined,
    rateLimitLease: (key: string, size: number, windowMs: number) => {
      calls.push(key);
      counts.set(key, (counts.get(key) ?? 0) + size);
      return Promise.resolve([counts.get(key), windowMs]);
    },
  };
  return { redis: redis as unknown as Redis, calls };
}

const count = (store: { incr: (key: string, cb: (error: Error | null) => void, windowMs: number, max: number) => void }, key: string) =>
  new Promise<void>((resolve, reject) => store.incr(key, (error) => (error ? reject(error) : resolve()), 60_000, 1000));

describe('leased rate-limit store', () => {
  it('holds a bounded number of client addresses: the oldest is forgotten, and asked of Redis again', async () => {
    const { redis, calls } = fakeRedis();
    const store = new (leasedRedisStore(redis, 'rl:'))({});
    for (let i = 0; i < 50_001; i += 1) await count(store, `client-${i}`);
    calls.length = 0;
    await count(store, 'client-50000'); // held: its lease (10 counts under a budget of 1,000) has counts left
    expect(calls).toEqual([]);
    await count(store, 'client-0'); // forgotten to make room
    expect(calls).toEqual(['rl:client-0']);
  });
});
