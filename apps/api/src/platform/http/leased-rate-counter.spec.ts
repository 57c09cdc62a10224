import type Redis from 'ioredis';
import { leasedRateCounter } from './leased-rate-counter';

/** A stand-in for Redis's lease script: counts per key, the window never ends within the test. */
function fakeRedis() {
  const counts = new Map<string, number>();
  const calls: string[] = [];
  const redis = {
    defineCommand: () => undefined,
    on: () => undefined,
    rateLimitLease: (key: string, size: number, windowMs: number) => {
      calls.push(key);
      counts.set(key, (counts.get(key) ?? 0) + size);
      return Promise.resolve([counts.get(key), windowMs]);
    },
  };
  return { redis: redis as unknown as Redis, calls };
}

const countOf = (counter: ReturnType<typeof leasedRateCounter>, key: string) =>
  new Promise<void>((resolve, reject) => counter(key, (error) => (error ? reject(error) : resolve())));

describe('leased rate counter', () => {
  it('holds a bounded number of client addresses: the oldest is forgotten, and asked of Redis again', async () => {
    const { redis, calls } = fakeRedis();
    const counter = leasedRateCounter(redis, 'rl:', { windowMs: 60_000, max: 1000 });
    for (let i = 0; i < 50_001; i += 1) await countOf(counter, `client-${i}`);
    calls.length = 0;
    await countOf(counter, 'client-50000'); // held: its lease (10 counts under a budget of 1,000) has counts left
    expect(calls).toEqual([]);
    await countOf(counter, 'client-0'); // forgotten to make room
    expect(calls).toEqual(['rl:client-0']);
  });
});
