import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { REDIS } from '../../platform/redis/redis.module';
import { ProblemException } from '../../platform/http/problem-details.filter';

/** What an execute was answered, as replayed for its key. */
export interface StoredResponse {
  requestHash: string;
  executionId: string;
  status: number;
  body: Record<string, unknown>;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key a client sent, validated: printable ASCII, at most 255 characters. */
export function idempotencyKeyOf(xKey: string | undefined, ietfKey: string | undefined): string {
  // The IETF header is a structured-field string: "…" around the key.
  const raw = xKey ?? (ietfKey?.startsWith('"') && ietfKey.endsWith('"') ? ietfKey.slice(1, -1) : ietfKey);
  if (raw === undefined || raw === '') {
    throw new ProblemException(
      400,
      'idempotency-key-missing',
      'An execute needs an X-Idempotency-Key (or Idempotency-Key) header: one unique value per intended execution.',
    );
  }
  if (!KEY_PATTERN.test(raw)) throw new ProblemException(400, 'validation-failed', 'The idempotency key must be 1-255 printable ASCII characters.');
  return raw;
}

/** What makes two executes "the same request": the move and every option that changes what happens. */
export function requestHashOf(itemId: string, options: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    itemId,
    Object.keys(options)
      .sort()
      .map((key) => [key, options[key] ?? null]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The fast path for replays: finished answers cached in Redis for the key's lifetime. Postgres
 * (the execution row) stays the truth, so a flushed or unreachable Redis only costs a query.
 */
@Injectable()
export class IdempotentResponseCache {
  private readonly logger = new Logger('Idempotency');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async get(key: string): Promise<StoredResponse | null> {
    try {
      const cached = await this.redis.get(this.redisKey(key));
      return cached ? (JSON.parse(cached) as StoredResponse) : null;
    } catch (error) {
      this.logger.warn({ event: 'idempotency_cache_unavailable', error: (error as Error).message });
      return null;
    }
  }

  async put(key: string, response: StoredResponse, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    try {
      await this.redis.set(this.redisKey(key), JSON.stringify(response), 'PX', ttlMs);
    } catch (error) {
      this.logger.warn({ event: 'idempotency_cache_unavailable', error: (error as Error).message });
    }
  }

  /** Drops the answers cached for these keys. Unlike the fast path, a failure is thrown: the caller must know they are still there. */
  async forget(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.redisKey(key)));
  }

  private redisKey(key: string): string {
    return `caseyos:idempotency:${createHash('sha256').update(key).digest('hex')}`;
  }
}
