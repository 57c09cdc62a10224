import { SharedResultCache } from './shared-result-cache';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedResultCache', () => {
  it('shares one computation between concurrent callers', async () => {
    const cache = new SharedResultCache<number>(1000);
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 42;
    };
    const results = await Promise.all(Array.from({ length: 32 }, () => cache.get('k', 0, compute)));
    expect(results.every((value) => value === 42)).toBe(true);
    expect(runs).toBe(1);
  });

  it('serves the last value while one refresh runs after expiry, then the new value', async () => {
    const cache = new SharedResultCache<string>(1000);
    let runs = 0;
    let release: () => void = () => undefined;
    const compute = () => (runs++ === 0 ? Promise.resolve('first') : new Promise<string>((resolve) => (release = () => resolve('second'))));
    expect(await cache.get('k', 0, compute)).toBe('first');
    expect(await cache.get('k', 1500, compute)).toBe('first');
    expect(await cache.get('k', 1600, compute)).toBe('first');
    expect(runs).toBe(2);
    release();
    await tick();
    expect(await cache.get('k', 1700, compute)).toBe('second');
    expect(runs).toBe(2);
  });

  it('keys are independent, and clear() forces a fresh computation', async () => {
    const cache = new SharedResultCache<string>(1000);
    let runs = 0;
    const compute = async () => `run ${++runs}`;
    expect(await cache.get('a', 0, compute)).toBe('run 1');
    expect(await cache.get('b', 0, compute)).toBe('run 2');
    expect(await cache.get('a', 999, compute)).toBe('run 1');
    cache.clear();
    expect(await cache.get('a', 1000, compute)).toBe('run 3');
  });

  it('does not remember a failure, and a failed refresh keeps serving the last value', async () => {
    const cache = new SharedResultCache<string>(1000);
    await expect(cache.get('k', 0, async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', 1, async () => 'ok')).toBe('ok');
    expect(await cache.get('k', 2000, async () => Promise.reject(new Error('db down')))).toBe('ok');
    await tick();
    expect(await cache.get('k', 2001, async () => 'recovered')).toBe('ok');
    await tick();
    expect(await cache.get('k', 2002, async () => 'never')).toBe('recovered');
  });

  it('without serveStale an expired value is never served: the caller waits for a fresh one', async () => {
    const cache = new SharedResultCache<string>(1000, { serveStale: false });
    let runs = 0;
    const compute = async () => `run ${++runs}`;
    expect(await cache.get('k', 0, compute)).toBe('run 1');
    expect(await cache.get('k', 999, compute)).toBe('run 1');
    expect(await cache.get('k', 5000, compute)).toBe('run 2');
    expect(await cache.get('k', 5001, compute)).toBe('run 2');
  });

  it('keeps at most maxEntries keys, dropping the oldest', async () => {
    const cache = new SharedResultCache<string>(60_000, { maxEntries: 2 });
    let runs = 0;
    const compute = async () => `run ${++runs}`;
    await cache.get('a', 0, compute);
    await cache.get('b', 0, compute);
    await cache.get('c', 0, compute);
    expect(await cache.get('b', 1, compute)).toBe('run 2');
    expect(await cache.get('a', 1, compute)).toBe('run 4');
  });
});
