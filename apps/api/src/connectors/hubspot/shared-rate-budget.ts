import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

/** A rate budget shared by every process of an installation. */
export interface SharedRateBudget {
  /** Takes a grant if fewer than `limit` were taken in the last `windowMs`; else how long to wait. */
  take(name: string, limit: number, windowMs: number): Promise<number>;
  /** Nobody takes a grant of `name` for `ms` (HubSpot answered 429). */
  pause(name: string, ms: number): Promise<void>;
}

// Redis's own clock, so processes on different hosts agree on the window.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const TAKE = `${NOW}
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

const PAUSE = `${NOW}
local untilMs = now + tonumber(ARGV[1])
if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[1]) end
return untilMs`;

/**
 * HubSpot's limits are per app and account, not per process: the API and every worker draw on
 * one sliding window per budget, kept as a sorted set of grant times in Redis.
 */
export class RedisRateBudget implements SharedRateBudget {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async take(name: string, limit: number, windowMs: number): Promise<number> {
    return Number(await this.redis.eval(TAKE, 2, `${this.prefix}:${name}`, `${this.prefix}:${name}:paused`, windowMs, limit, randomUUID()));
  }

  async pause(name: string, ms: number): Promise<void> {
    await this.redis.eval(PAUSE, 1, `${this.prefix}:${name}:paused`, Math.max(1, Math.ceil(ms)));
  }
}
