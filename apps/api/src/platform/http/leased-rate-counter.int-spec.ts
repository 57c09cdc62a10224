import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { type WindowCount, leaseSize, leasedRateCounter } from './leased-rate-counter';

type Counter = ReturnType<typeof leasedRateCounter>;

/** Well under the counter's 1 s lease timeout, with room for a loaded machine. */
const LEASE_TIMEOUT_BOUND_MS = 500;

function count(counter: Counter, key: string): Promise<WindowCount> {
  return new Promise((resolve, reject) => counter(key, (error, result) => (error || !result ? reject(error ?? new Error('no result')) : resolve(result))));
}

describe('leased rate-limit counts in Redis', () => {
  let first: Redis;
  let second: Redis;
  let prefix: string;

  beforeEach(() => {
    first = new Redis(process.env.REDIS_URL as string);
    second = new Redis(process.env.REDIS_URL as string);
    prefix = `ratelimit-test:${randomUUID()}:`; // a namespace no other run shares
  });
  afterEach(() => {
    first.disconnect();
    second.disconnect();
  });

  const stored = async (key: string) => Number(await first.get(prefix + key));
  const newCounter = (redis: Redis, windowMs: number, max: number) => leasedRateCounter(redis, prefix, { windowMs, max });

  it('counts exactly, a round trip each, under a small budget', async () => {
    expect(leaseSize(5)).toBe(1);
    const counter = newCounter(first, 60_000, 5);
    const counts = [];
    for (let i = 0; i < 7; i += 1) counts.push((await count(counter, 'client')).current);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await stored('client')).toBe(6); // the seventh was answered locally: the budget was already spent
  });

  it('takes one lease for requests arriving together, and hands each a count of its own', async () => {
    const counter = newCounter(first, 60_000, 1000);
    const size = leaseSize(1000);
    expect(size).toBe(10);
    const counts = await Promise.all(Array.from({ length: size }, () => count(counter, 'client')));
    expect(counts.map((c) => c.current).sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i + 1));
    expect(await stored('client')).toBe(size);
    expect(counts.every((c) => c.ttl > 0 && c.ttl <= 60_000)).toBe(true);
  });

  it('never lets two replicas together admit more than the budget', async () => {
    const max = 1000;
    const replicas = [newCounter(first, 60_000, max), newCounter(second, 60_000, max)];
    const admitted: number[] = [];
    for (let round = 0; round < 60; round += 1) {
      // Each replica gets a burst of 11 (more than one lease), interleaved.
      const burst = await Promise.all(replicas.flatMap((counter) => Array.from({ length: 11 }, () => count(counter, 'shared'))));
      admitted.push(...burst.filter((c) => c.current <= max).map((c) => c.current));
    }
    expect(new Set(admitted).size).toBe(admitted.length); // no count handed out twice
    expect(admitted.length).toBeLessThanOrEqual(max);
    expect(admitted.length).toBeGreaterThan(max - 2 * leaseSize(max)); // at most a lease per replica left unused
    expect(await stored('shared')).toBeLessThanOrEqual(max + 2 * leaseSize(max));
  });

  it('starts again from 1 once the window has ended', async () => {
    const counter = newCounter(first, 200, 3);
    await count(counter, 'client');
    await count(counter, 'client');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await count(counter, 'client')).current).toBe(1);
  });

  it('reports an unreachable Redis to the caller (the hook then lets the request through)', async () => {
    const offline = new Redis(process.env.REDIS_URL as string, { lazyConnect: true, enableOfflineQueue: false });
    await expect(count(newCounter(offline, 60_000, 5), 'client')).rejects.toThrow();
    offline.disconnect();
  });

  it('answers requests waiting on a Redis that accepts the connection but never replies, all of them, within a second', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)); // reads nothing, answers nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const mute = new Redis({ port: (silent.address() as AddressInfo).port, host: '127.0.0.1', enableReadyCheck: false, maxRetriesPerRequest: null });
    try {
      const counter = newCounter(mute, 60_000, 5);
      const started = Date.now();
      const answers = await Promise.allSettled([count(counter, 'client'), count(counter, 'client'), count(counter, 'other')]);
      expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(String((answers[0] as PromiseRejectedResult).reason)).toMatch(/no rate-limit lease within 1000 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Right after, a new address is not held another second: it goes on at once, uncounted.
      const next = Date.now();
      await expect(count(counter, 'third')).rejects.toThrow(/a moment ago/);
      expect(Date.now() - next).toBeLessThan(LEASE_TIMEOUT_BOUND_MS);
    } finally {
      mute.disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
