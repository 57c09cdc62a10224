import type Redis from 'ioredis';

/** A request's place in its window: `current` counts it (past `max` it is over), `ttl` ms are left. */
export interface WindowCount {
  current: number;
  ttl: number;
}
export type Counted = (error: Error | null, result?: WindowCount) => void;

export interface RateWindow {
  windowMs: number;
  max: number;
}

/** Adds `n` to a window's count, opening the window (its expiry) with the first; answers {count, ms left}. */
const TAKE_LEASE = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {count, ttl}
`;

/** The counts a process holds for one key's window: it hands out `next`..`last` without asking Redis. */
interface Lease {
  next: number;
  last: number;
  resetAt: number;
  waiting: Counted[] | null;
}

/**
 * Leases whose window has passed are dropped once this many keys are held, at most once a second;
 * past the cap the oldest lease is forgotten (safe: Redis holds the count, it costs a round trip).
 * Client addresses are cheap to rotate, so neither the map nor the work per new address may grow
 * with them.
 */
const SWEEP_AT_KEYS = 10_000;
/** How long requests wait for a lease before going on uncounted, as when Redis is down. */
const LEASE_TIMEOUT_MS = 1_000;
/** After a lease timed out, new leases are not asked for this long: requests go on uncounted at once. */
const SILENT_REDIS_PAUSE_MS = 5_000;
const SWEEP_INTERVAL_MS = 1_000;
const MAX_KEYS = 50_000;

/**
 * How many counts one Redis round trip takes: 1 for small budgets (exact, as a per-request INCR),
 * a hundredth of the budget for large ones, at most 50. Counts a process took but did not use are
 * spent for the window, so a limit can bite slightly early across replicas, never late.
 */
export function leaseSize(max: number): number {
  return Math.max(1, Math.min(50, Math.floor(max / 100)));
}

/**
 * Counts each key's fixed window in Redis, shared by every replica, taking counts in leases: one
 * scripted INCRBY hands this process `leaseSize(max)` counts, which its next requests use without
 * a round trip, answered synchronously. Requests arriving while a lease is being taken wait for it
 * rather than each taking one. Once a window's count is past the budget, this process answers
 * "over" until the window ends without asking Redis at all, so a flood costs no round trips.
 */
export function leasedRateCounter(redis: Redis, prefix: string, { windowMs, max }: RateWindow): (key: string, callback: Counted) => void {
  const leases = new Map<string, Lease>();
  const size = leaseSize(max);
  let sweptAt = 0;
  let silentUntil = 0;
  // A reconnected Redis (restarted, say) is asked again at once.
  redis.on('ready', () => (silentUntil = 0));
  const makeRoom = (now: number) => {
    if (leases.size >= SWEEP_AT_KEYS && now - sweptAt >= SWEEP_INTERVAL_MS) {
      sweptAt = now;
      for (const [held, old] of leases) if (old.resetAt <= now && !old.waiting) leases.delete(held);
    }
    if (leases.size >= MAX_KEYS) leases.delete(leases.keys().next().value as string);
  };
  // A script command: sent by its SHA once Redis knows it.
  if (!('rateLimitLease' in redis)) redis.defineCommand('rateLimitLease', { numberOfKeys: 1, lua: TAKE_LEASE });
  const scripts = redis as Redis & { rateLimitLease(key: string, size: number, windowMs: number): Promise<[number, number]> };

  const take = (key: string, lease: Lease) => {
    const settle = (error: Error | null, total = 0, ttl = 0) => {
      clearTimeout(timeout);
      const waiting = lease.waiting;
      if (!waiting) return; // settled already: a late answer after the timeout
      if (error) {
        lease.waiting = null;
        if (leases.get(key) === lease) leases.delete(key);
      } else {
        Object.assign(lease, { next: total - size + 1, last: total, resetAt: Date.now() + ttl, waiting: null });
      }
      answerAll(waiting, (callback) => (error ? callback(error) : count(key, callback)));
    };
    // A Redis that is connected but does not answer must not hold requests: they go on uncounted.
    const timeout = setTimeout(() => {
      silentUntil = Date.now() + SILENT_REDIS_PAUSE_MS;
      settle(new Error(`Redis gave no rate-limit lease within ${LEASE_TIMEOUT_MS} ms`));
    }, LEASE_TIMEOUT_MS).unref();
    scripts.rateLimitLease(prefix + key, size, windowMs).then(
      ([total, ttl]) => settle(null, total, ttl),
      (error: Error) => settle(error),
    );
  };

  const count = (key: string, callback: Counted) => {
    const now = Date.now();
    let lease = leases.get(key);
    if (lease?.waiting) {
      lease.waiting.push(callback);
      return;
    }
    if (lease && lease.resetAt > now && (lease.next <= lease.last || lease.last > max)) {
      // Past the budget, the count only needs to say so: it grows locally until the window ends.
      callback(null, { current: lease.next++, ttl: lease.resetAt - now });
      return;
    }
    // A Redis that just let a lease time out is not waited for again by every new address.
    if (now < silentUntil) return callback(new Error('Redis gave no rate-limit lease a moment ago'));
    if (!lease) {
      makeRoom(now);
      lease = { next: 0, last: -1, resetAt: 0, waiting: null };
      leases.set(key, lease);
    }
    lease.waiting = [callback];
    take(key, lease);
  };
  return count;
}

/**
 * Answers every waiting request even if one answer throws (an answer runs the rest of that
 * request's hooks, whose errors Fastify catches, so a throw here is a bug): the first error is
 * rethrown once all are answered, and ends the process as any uncaught error does.
 */
function answerAll(waiting: Counted[], answer: (callback: Counted) => void): void {
  let failed = false;
  let failure: unknown;
  for (const callback of waiting) {
    try {
      answer(callback);
    } catch (error) {
      if (!failed) [failed, failure] = [true, error];
    }
  }
  if (failed) throw failure;
}
