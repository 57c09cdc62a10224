import { HubSpotRateLimiter, LimiterClock, SlidingWindowLimiter } from './hubspot-rate-limiter';
import type { SharedRateBudget } from './shared-rate-budget';

/** Time stands still until the test advances it; sleepers wake in order. */
class FakeClock implements LimiterClock {
  private time = 0;
  private sleepers: { at: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.time + ms, wake }));
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      const next = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.time = next.at;
      next.wake();
      await settle();
    }
    this.time = target;
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function grantTimes(clock: FakeClock, acquire: () => Promise<void>, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) void acquire().then(() => times.push(clock.now()));
  return times;
}

describe('SlidingWindowLimiter', () => {
  it('grants at most `limit` per rolling window, first come first served', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(3, 1000, clock);
    const times = grantTimes(clock, () => limiter.acquire(), 7);
    await clock.advance(5000);
    expect(times).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('never lets a window hold more than the limit when calls trickle in', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(100, 10_000, clock);
    const times: number[] = [];
    for (let i = 0; i < 250; i++) {
      void limiter.acquire().then(() => times.push(clock.now()));
      await clock.advance(37);
    }
    await clock.advance(30_000);
    expect(times).toHaveLength(250);
    for (const start of times) expect(times.filter((t) => t >= start && t < start + 10_000).length).toBeLessThanOrEqual(100);
  });

  it('holds everyone during a pause', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(10, 1000, clock);
    limiter.pause(1500);
    const times = grantTimes(clock, () => limiter.acquire(), 2);
    await clock.advance(1499);
    expect(times).toEqual([]);
    await clock.advance(1);
    expect(times).toEqual([1500, 1500]);
  });
});

describe('HubSpotRateLimiter', () => {
  it('paces searches per second without counting them against the 10-second budget', async () => {
    const clock = new FakeClock();
    const limiter = new HubSpotRateLimiter({ per10Seconds: 2, searchesPerSecond: 2 }, null, clock);
    const searches = grantTimes(clock, () => limiter.acquire(true), 5);
    const reads = grantTimes(clock, () => limiter.acquire(false), 3);
    await clock.advance(20_000);
    expect(searches).toEqual([0, 0, 1000, 1000, 2000]);
    // Five searches took nothing from the reads' budget: two reads at once, the third when it rolls.
    expect(reads).toEqual([0, 0, 10_000]);
  });

  it('does not hold searches back while the 10-second budget is spent or paused', async () => {
    const clock = new FakeClock();
    const limiter = new HubSpotRateLimiter({ per10Seconds: 1, searchesPerSecond: 10 }, null, clock);
    const reads = grantTimes(clock, () => limiter.acquire(false), 2);
    await clock.advance(0);
    // HubSpot answered a read with a 429 (TEN_SECONDLY_ROLLING) for 15 s.
    limiter.pause(15_000, false);
    const searches = grantTimes(clock, () => limiter.acquire(true), 2);
    await clock.advance(0);
    expect(searches).toEqual([0, 0]);
    await clock.advance(20_000);
    expect(reads).toEqual([0, 15_000]);
  });

  describe('with a budget shared by several processes', () => {
    /** Answers each take with the next scripted wait (0 = granted) and records pauses. */
    class ScriptedBudget implements SharedRateBudget {
      readonly taken: string[] = [];
      readonly paused: [string, number][] = [];
      constructor(private readonly waits: number[]) {}
      async take(name: string): Promise<number> {
        this.taken.push(name);
        return this.waits.shift() ?? 0;
      }
      async pause(name: string, ms: number): Promise<void> {
        this.paused.push([name, ms]);
      }
    }

    it('waits as long as the shared budget says, then takes again', async () => {
      const clock = new FakeClock();
      const budget = new ScriptedBudget([700, 0, 0]);
      const limiter = new HubSpotRateLimiter({ per10Seconds: 100, searchesPerSecond: 10 }, budget, clock);
      const granted = grantTimes(clock, () => limiter.acquire(true), 1);
      await clock.advance(2000);
      // Another process had used the shared search window up for 700 ms; the 10-second one is not asked.
      expect(granted).toEqual([700]);
      expect(budget.taken).toEqual(['searches', 'searches']);
      await limiter.acquire(false);
      expect(budget.taken).toEqual(['searches', 'searches', 'calls']);
    });

    it('shares a 429 pause with the other processes', () => {
      const budget = new ScriptedBudget([]);
      new HubSpotRateLimiter({ per10Seconds: 100, searchesPerSecond: 10 }, budget, new FakeClock()).pause(1500, false);
      expect(budget.paused).toEqual([['calls', 1500]]);
    });

    it('falls back to the local limit, saying so once, while the shared budget cannot be reached', async () => {
      const clock = new FakeClock();
      const failures: Error[] = [];
      const unreachable: SharedRateBudget = { take: () => Promise.reject(new Error('redis down')), pause: () => Promise.reject(new Error('redis down')) };
      const limiter = new HubSpotRateLimiter({ per10Seconds: 2, searchesPerSecond: 10 }, unreachable, clock, (error) => failures.push(error));
      const granted = grantTimes(clock, () => limiter.acquire(false), 3);
      await clock.advance(20_000);
      expect(granted).toEqual([0, 0, 10_000]);
      expect(failures.map((error) => error.message)).toEqual(['redis down']);
    });
  });
});
