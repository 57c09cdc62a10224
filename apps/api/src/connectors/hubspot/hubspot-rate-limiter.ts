import type { SharedRateBudget } from './shared-rate-budget';

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

export interface HubSpotLimits {
  per10Seconds: number;
  searchesPerSecond: number;
}

/**
 * HubSpot's budgets: CRM searches count against the per-second search window only (HubSpot's
 * specs exempt them from the ten-secondly limit: `x-hubspot-rate-limit-exemptions`), every other
 * call against the 10-second window. Each process queues its callers locally (first come, first
 * served, never more than the budget), then takes the grant from the budget all processes share.
 * If the shared budget cannot be reached (Redis down), the local limit alone holds.
 */
export class HubSpotRateLimiter {
  private readonly calls: SlidingWindowLimiter;
  private readonly searches: SlidingWindowLimiter;
  private sharedDown = false;

  constructor(
    private readonly limits: HubSpotLimits,
    private readonly shared: SharedRateBudget | null = null,
    private readonly clock: LimiterClock = realLimiterClock,
    private readonly onSharedDown: (error: Error) => void = () => undefined,
  ) {
    this.calls = new SlidingWindowLimiter(limits.per10Seconds, 10_000, clock);
    this.searches = new SlidingWindowLimiter(limits.searchesPerSecond, 1000, clock);
  }

  async acquire(search: boolean): Promise<void> {
    if (search) {
      await this.searches.acquire();
      await this.takeShared('searches', this.limits.searchesPerSecond, 1000);
    } else {
      await this.calls.acquire();
      await this.takeShared('calls', this.limits.per10Seconds, 10_000);
    }
  }

  /** HubSpot said 429: nobody, in this process or another, calls again before it is over. */
  pause(ms: number, search: boolean): void {
    (search ? this.searches : this.calls).pause(ms);
    this.shared?.pause(search ? 'searches' : 'calls', ms).catch((error: Error) => this.sharedFailed(error));
  }

  private async takeShared(name: string, limit: number, windowMs: number): Promise<void> {
    if (!this.shared) return;
    for (;;) {
      let wait: number;
      try {
        wait = await this.shared.take(name, limit, windowMs);
      } catch (error) {
        this.sharedFailed(error as Error);
        return;
      }
      this.sharedDown = false;
      if (wait <= 0) return;
      await this.clock.sleep(wait);
    }
  }

  private sharedFailed(error: Error): void {
    if (!this.sharedDown) this.onSharedDown(error);
    this.sharedDown = true;
  }
}
