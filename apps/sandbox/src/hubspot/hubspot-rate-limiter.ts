import type { HubspotRatePolicy } from '../http/hubspot-errors';

export type HubspotTokenKind = 'oauth' | 'private';

export interface RateDecision {
  headers: Record<string, string>;
  violation?: { policy: HubspotRatePolicy; retryAfterSec: number };
}

const WINDOW_MS = 10_000;
const DAILY_LIMIT = 500_000;

/**
 * HubSpot's limits: a rolling 10-second budget per app (OAuth) or per account (private apps)
 * and a per-second budget for CRM search. Searches are exempt from the 10-second budget (HubSpot's
 * specs mark them `x-hubspot-rate-limit-exemptions: ["ten-secondly"]`) but still count towards the
 * daily one. Rejected calls do not count.
 */
export class HubspotRateLimiter {
  private readonly calls = new Map<HubspotTokenKind, number[]>();
  private searches: number[] = [];
  private dailyCalls = 0;

  check(kind: HubspotTokenKind, isSearch: boolean, now: number, limits: { tenSecond: number; searchPerSecond: number }): RateDecision {
    const calls = (this.calls.get(kind) ?? []).filter((t) => t > now - WINDOW_MS);
    this.calls.set(kind, calls);
    this.searches = this.searches.filter((t) => t > now - 1000);

    let violation: RateDecision['violation'];
    if (isSearch) {
      if (limits.searchPerSecond > 0 && this.searches.length >= limits.searchPerSecond) violation = { policy: 'SECONDLY', retryAfterSec: 1 };
      else this.searches.push(now);
    } else if (limits.tenSecond > 0 && calls.length >= limits.tenSecond) {
      violation = { policy: 'TEN_SECONDLY_ROLLING', retryAfterSec: Math.max(1, Math.ceil((calls[0] + WINDOW_MS - now) / 1000)) };
    } else {
      calls.push(now);
    }
    if (!violation) this.dailyCalls += 1;
    return { headers: this.headers(kind, calls, now, limits.tenSecond), violation };
  }

  private headers(kind: HubspotTokenKind, calls: number[], now: number, max: number): Record<string, string> {
    if (max <= 0) return {};
    // HubSpot reports a secondly budget too; the sandbox only enforces the 10-second one.
    const secondly = Math.ceil(max / 10);
    const lastSecond = calls.filter((t) => t > now - 1000).length;
    return {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Max': String(max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, max - calls.length)),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - lastSecond)),
      ...(kind === 'private'
        ? { 'X-HubSpot-RateLimit-Daily': String(DAILY_LIMIT), 'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, DAILY_LIMIT - this.dailyCalls)) }
        : {}),
    };
  }
}
