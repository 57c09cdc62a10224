import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type Redis from 'ioredis';
import { leasedRedisStore } from './leased-rate-limit-store';
import { ProblemException } from './problem-details.filter';

export interface RateLimitSettings {
  max: number;
  windowSeconds: number;
}

/**
 * A fixed window per client address on /api (@fastify/rate-limit), counted in Redis so every
 * replica shares it, in leases of counts (leased-rate-limit-store.ts): a round trip for every
 * request under a small budget, one for dozens under a large one. The window opens with the
 * address's first request. Runs before body parsing so a flood costs
 * little. If Redis is down requests go through (skipOnError): losing the limiter must not take
 * the API down with it; the Redis client logs the outage once.
 */
export async function limitRequestRate(fastify: FastifyInstance, redis: Redis, settings: RateLimitSettings): Promise<void> {
  await fastify.register(fastifyRateLimit, {
    // Not per route: one budget per address across /api, unknown paths included (hook below).
    global: false,
    store: leasedRedisStore(redis, 'ratelimit:'),
    max: settings.max,
    timeWindow: settings.windowSeconds * 1000,
    // The address as the socket reports it: an IPv6 client is one address, not its /64, and no
    // per-request parsing of it (the library's default normalizes IPv6 at ~10 µs a request).
    keyGenerator: (request) => request.ip,
    skipOnError: true,
    // RateLimit-Limit/-Remaining/-Reset (IETF draft names) on every answer, Retry-After on a 429.
    enableDraftSpec: true,
    // Thrown to the error handler, which answers problem+json (the headers set so far stay).
    errorResponseBuilder: (_request, { max, ttl }) => {
      const retryAfter = Math.ceil(ttl / 1000); // as the library's Retry-After
      return new ProblemException(429, 'rate-limited', `More than ${max} requests in ${settings.windowSeconds} s; retry after ${retryAfter} s.`);
    },
  });
  const limit = fastify.rateLimit();
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) await limit.call(fastify, request, reply);
  });
}
