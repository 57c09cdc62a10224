import type { RedisOptions } from 'ioredis';

/**
 * BullMQ wants ioredis options, not a URL; workers need maxRetriesPerRequest null.
 * `shuttingDown` stops reconnecting: while Redis is down a BullMQ client holds its QUIT in the
 * offline queue until Redis returns, so a graceful close would wait for the outage to end. Given
 * up, the client ends and fails what it held, and the close goes on.
 */
export function bullConnectionFromUrl(url: string, shuttingDown: () => boolean = () => false): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => (shuttingDown() ? null : Math.min(attempt * 250, 3000)),
  };
}
