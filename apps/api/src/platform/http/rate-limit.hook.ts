import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { leasedRateCounter } from './leased-rate-counter';
import { ProblemException } from './problem-details.filter';
import { routedPath } from './routed-path';

const UNCOUNTED = { current: 0, ttl: 0 };

export interface RateLimitSettings {
  max: number;
  windowSeconds: number;
}

/**
 * A fixed window per client address on /api, counted in Redis so every replica shares it, in
 * leases of counts (leased-rate-counter.ts): a round trip for every request under a small budget,
 * one for dozens under a large one, and none at all while a lease lasts. The window opens with
 * the address's first request. Every /api answer carries RateLimit-Limit, -Remaining and -Reset
 * (the IETF draft's names), a 429 also Retry-After. The address is the one Fastify reports
 * (TRUST_PROXY decides whether X-Forwarded-For counts): an IPv6 client is one address, not its /64.
 * Runs before body parsing so a flood costs little. If Redis is down requests go through
 * uncounted: losing the limiter must not take the API down with it; the Redis client logs the
 * outage once.
 */
export function limitRequestRate(fastify: FastifyInstance, redis: Redis, { max, windowSeconds }: RateLimitSettings): void {
  const count = leasedRateCounter(redis, 'ratelimit:', { windowMs: windowSeconds * 1000, max });
  const limit = String(max);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!routedPath(request).startsWith('/api/')) return done();
    count(request.ip, (error, counted) => {
      // Uncounted (Redis away): the whole budget, no window.
      const { current, ttl } = error || !counted ? UNCOUNTED : counted;
      const resetSeconds = Math.ceil(ttl / 1000);
      reply.header('ratelimit-limit', limit);
      reply.header('ratelimit-remaining', String(Math.max(0, max - current)));
      reply.header('ratelimit-reset', String(resetSeconds));
      if (current <= max) return done();
      reply.header('retry-after', String(resetSeconds));
      done(new ProblemException(429, 'rate-limited', `More than ${max} requests in ${windowSeconds} s; retry after ${resetSeconds} s.`));
    });
  });
}
