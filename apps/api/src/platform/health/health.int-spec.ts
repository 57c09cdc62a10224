import { setTimeout as sleep } from 'node:timers/promises';
import { TestApp, eventually, startTestApp } from '../../testing/test-app';
import { OwnRedisServer } from '../../testing/redis-server';

describe('health endpoints (real Postgres and Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(['/health', '/healthz'])('%s answers 200 without auth', async (path) => {
    const res = await fetch(t.baseUrl + path);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/caseyos/health names the dashboard', async () => {
    const res = await fetch(`${t.baseUrl}/caseyos/health`);
    expect(await res.json()).toEqual({ status: 'ok', dashboard: 'caseyos' });
  });

  it('/ready is 200 when Postgres and Redis answer', async () => {
    const res = await fetch(`${t.baseUrl}/ready`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.checks.postgres.status).toBe('up');
    expect(body.checks.redis.status).toBe('up');
  });

  it('/health/beat shows the heartbeat job run by the worker with its next run', async () => {
    const beat = await eventually(async () => {
      const body = await (await fetch(`${t.baseUrl}/health/beat`)).json();
      const heartbeat = body.jobs.find((job: { name: string }) => job.name === 'heartbeat');
      expect(heartbeat.last_success_at).not.toBeNull();
      expect(heartbeat.next_run_at).not.toBeNull();
      return heartbeat;
    });
    expect(beat.every_ms).toBe(1000);
    expect(Date.parse(beat.last_run_at)).toBeLessThanOrEqual(Date.now());
  });

  it('/ redirects to the dashboard', async () => {
    const res = await fetch(`${t.baseUrl}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/caseyos');
  });

  it('echoes a client request id and sets the API version on every response', async () => {
    const echoed = await fetch(`${t.baseUrl}/health`, { headers: { 'x-request-id': 'client-trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-trace-42');
    expect(echoed.headers.get('x-api-version')).toBe('v1');

    const generated = await fetch(`${t.baseUrl}/nowhere`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers.get('x-api-version')).toBe('v1');
    expect((await generated.json()).request_id).toBe(generated.headers.get('x-request-id'));
  });

  it('sends security headers', async () => {
    const res = await fetch(`${t.baseUrl}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('/ready while Redis is down', () => {
  let redis: OwnRedisServer;
  let t: TestApp;
  beforeAll(async () => {
    redis = await OwnRedisServer.start();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('is 503 naming Redis while it is stopped, then 200 again once it is back', async () => {
    expect((await fetch(`${t.baseUrl}/ready`)).status).toBe(200);

    await redis.stop();
    const down = await eventually(async () => {
      const res = await fetch(`${t.baseUrl}/ready`);
      expect(res.status).toBe(503);
      return res.json();
    });
    expect(down.status).toBe('unavailable');
    expect(down.checks.redis.status).toBe('down');
    expect(down.checks.postgres.status).toBe('up');
    // The rest of the API keeps answering while Redis is away.
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);

    await redis.start();
    await eventually(async () => expect((await fetch(`${t.baseUrl}/ready`)).status).toBe(200), 30_000, 250);
  });
});

describe('shutting down while Redis is down', () => {
  it('closes at once instead of waiting for Redis to come back', async () => {
    const redis = await OwnRedisServer.start();
    // ROLE=all: queues, workers, the event stream and the shared client all hold connections.
    const t = await startTestApp({ REDIS_URL: redis.url, ROLE: 'all' });
    await eventually(async () => expect((await fetch(`${t.baseUrl}/health/beat`)).status).toBe(200));
    await redis.stop();
    await eventually(async () => expect((await fetch(`${t.baseUrl}/ready`)).status).toBe(503));
    // BullMQ and ioredis would hold QUIT until Redis returned; the test app's own 30 s cap is
    // what used to end this close.
    // The deadline's timer is unref'd: once the close is done, it does not hold Jest open.
    const closed = await Promise.race([t.close().then(() => 'closed'), sleep(10_000, 'still closing', { ref: false })]);
    expect(closed).toBe('closed');
  });
});
