import { bullConnectionFromUrl } from './redis-connection';

describe('bullConnectionFromUrl', () => {
  it('reads host, port, credentials and db', () => {
    const options = bullConnectionFromUrl('redis://user:p%40ss@redis.local:6380/2');
    expect(options).toMatchObject({ host: 'redis.local', port: 6380, username: 'user', password: 'p@ss', db: 2 });
    expect(options.maxRetriesPerRequest).toBeNull();
    expect(options.tls).toBeUndefined();
  });

  it('defaults port and db, and turns on TLS for rediss', () => {
    const options = bullConnectionFromUrl('rediss://127.0.0.1');
    expect(options).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, tls: {} });
  });

  it('keeps reconnecting with a capped backoff, and gives up once shutting down', () => {
    let shuttingDown = false;
    const { retryStrategy } = bullConnectionFromUrl('redis://127.0.0.1', () => shuttingDown);
    expect([1, 4, 100].map((attempt) => retryStrategy!(attempt))).toEqual([250, 1000, 3000]);
    shuttingDown = true;
    expect(retryStrategy!(5)).toBeNull();
  });
});
