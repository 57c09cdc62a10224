import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { buildProblem, sendProblem } from './problem-details';

/** One command per request: count, and start the expiry with the window's first request. */
const COUNT_IN_WINDOW = `local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export interface RateLimitSettings {
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window limit per client address on /api, counted in Redis so every replica shares it.
 * Runs before body parsing so a flood costs little. If Redis is down it lets requests through:
 * losing the limiter must not take the API down with it.
 */
export function limitRequestRate(fastify: FastifyInstance, redis: Redis, settings: RateLimitSettings): void {
  const logger = new Logger('RateLimit');
  const windowMs = settings.windowSeconds * 1000;
  // A defined command is sent as EVALSHA: the script text travels once, not with every request.
  redis.defineCommand('caseyosCountInWindow', { numberOfKeys: 1, lua: COUNT_IN_WINDOW });
  const counter = redis as Redis & { caseyosCountInWindow(key: string, windowMs: number): Promise<number> };
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const now = Date.now();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const key = `ratelimit:${request.ip}:${windowStart}`;
    let count: number;
    try {
      count = await counter.caseyosCountInWindow(key, windowMs);
    } catch (error) {
      logger.warn({ event: 'rate_limit_unavailable', error: (error as Error).message });
      return;
    }
    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    reply.headers({
      'ratelimit-limit': String(settings.max),
      'ratelimit-remaining': String(Math.max(0, settings.max - count)),
      'ratelimit-reset': String(resetSeconds),
    });
    if (count > settings.max) {
      const problem = buildProblem(
        request,
        429,
        'rate-limited',
        `More than ${settings.max} requests in ${settings.windowSeconds} s; retry after ${resetSeconds} s.`,
      );
      return sendProblem(reply, problem, { 'retry-after': String(resetSeconds) });
    }
  });
}
