export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realLimiterClock: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * At most `limit` grants in any rolling `windowMs`, handed out first come, first served. A pause
 * (after a 429) holds every caller until it ends.
 */
export class SlidingWindowLimiter {
  private readonly grants: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: LimiterClock = realLimiterClock,
  ) {}

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn;
    return turn;
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.grants.length > 0 && this.grants[0] <= now - this.windowMs) this.grants.shift();
      const wait = Math.max(this.pausedUntil - now, this.grants.length >= this.limit ? this.grants[0] + this.windowMs - now : 0);
      if (wait <= 0) {
        this.grants.push(now);
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}

/**
 * HubSpot's budgets as seen from one process: every call counts against the 10-second window,
 * CRM searches also against the per-second one.
 */
export class HubSpotRateLimiter {
  private readonly calls: SlidingWindowLimiter;
  private readonly searches: SlidingWindowLimiter;

  constructor(limits: { per10Seconds: number; searchesPerSecond: number }, clock: LimiterClock = realLimiterClock) {
    this.calls = new SlidingWindowLimiter(limits.per10Seconds, 10_000, clock);
    this.searches = new SlidingWindowLimiter(limits.searchesPerSecond, 1000, clock);
  }

  async acquire(search: boolean): Promise<void> {
    if (search) await this.searches.acquire();
    await this.calls.acquire();
  }

  /** HubSpot said 429: nobody in this process calls again before it is over. */
  pause(ms: number, search: boolean): void {
    (search ? this.searches : this.calls).pause(ms);
  }
}
