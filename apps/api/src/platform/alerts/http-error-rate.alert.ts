import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { CLOCK, Clock } from '../clock/clock';
import { REDIS } from '../redis/redis.module';
import { AlertCheck, AlertCondition } from './alert-condition';

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 5;
/** 5xx share above which the alert fires. */
export const HTTP_5XX_THRESHOLD = 0.01;
/** Fewer requests than this in the window say nothing about a rate. */
export const HTTP_5XX_MIN_REQUESTS = 20;
const FLUSH_EVERY_MS = 5000;
const BUCKET_KEY = (minute: number) => `caseyos:http-traffic:${minute}`;

/** Pure: does this window's traffic breach the 5xx objective? */
export function httpErrorRateCheck(requests: number, errors: number): AlertCheck {
  const rate = requests === 0 ? 0 : errors / requests;
  const percent = (rate * 100).toFixed(2);
  return {
    firing: requests >= HTTP_5XX_MIN_REQUESTS && rate > HTTP_5XX_THRESHOLD,
    detail: `${errors} of ${requests} HTTP requests (${percent}%) answered 5xx over the last ${WINDOW_MINUTES} minutes (threshold ${HTTP_5XX_THRESHOLD * 100}%).`,
  };
}

/**
 * 5xx share across every api process. Each process counts in memory (the request path only adds
 * to two numbers) and flushes into per-minute Redis buckets every few seconds; the alert sums them.
 */
@Injectable()
export class HttpErrorRateAlert implements AlertCondition, OnApplicationShutdown {
  readonly id = 'http_5xx_rate';
  readonly title = 'HTTP 5xx rate above 1%';
  private requests = 0;
  private errors = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  countResponses(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (_request, reply, done) => {
      this.requests += 1;
      if (reply.statusCode >= 500) this.errors += 1;
      done();
    });
  }

  @Interval(FLUSH_EVERY_MS)
  async flush(): Promise<void> {
    if (this.requests === 0) return;
    const [requests, errors] = [this.requests, this.errors];
    this.requests = 0;
    this.errors = 0;
    const key = BUCKET_KEY(Math.floor(this.clock.now().getTime() / MINUTE_MS));
    try {
      await this.redis
        .multi()
        .hincrby(key, 'requests', requests)
        .hincrby(key, 'errors', errors)
        .expire(key, (WINDOW_MINUTES + 5) * 60)
        .exec();
    } catch {
      // Redis away: keep the counts for the next flush.
      this.requests += requests;
      this.errors += errors;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  async check(now: Date): Promise<AlertCheck> {
    const current = Math.floor(now.getTime() / MINUTE_MS);
    const pipeline = this.redis.pipeline();
    for (let minute = current - WINDOW_MINUTES + 1; minute <= current; minute += 1) pipeline.hmget(BUCKET_KEY(minute), 'requests', 'errors');
    let requests = 0;
    let errors = 0;
    for (const [error, values] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      const [bucketRequests, bucketErrors] = values as (string | null)[];
      requests += Number(bucketRequests ?? 0);
      errors += Number(bucketErrors ?? 0);
    }
    return httpErrorRateCheck(requests, errors);
  }
}
