import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SCHEDULED_JOBS } from '@caseyos/contracts';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ConnectorTransientError } from '../../connectors/errors/connector-errors';
import type { AlertPayload } from '../../platform/alerts/alerts.service';
import { AlertsService } from '../../platform/alerts/alerts.service';
import { JobBeatsService } from '../../platform/queues/job-beats.service';
import { REDIS } from '../../platform/redis/redis.module';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { HandlerResilience } from '../guardrails/handler-resilience';

/** A Slack-like receiver on loopback keeping every alert it is sent. */
async function startReceiver(): Promise<{ server: Server; url: string; received: AlertPayload[] }> {
  const received: AlertPayload[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body) as AlertPayload);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('alerts to ALERT_WEBHOOK_URL (real Postgres and Redis)', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let alerts: AlertsService;
  const sent = (alert: string) => receiver.received.filter((payload) => payload.alert === alert).map((payload) => payload.status);

  beforeAll(async () => {
    receiver = await startReceiver();
    // Role api: no worker runs the minute job behind the test's back; the test runs each evaluation.
    t = await startTestApp({
      ROLE: 'api',
      ALERT_WEBHOOK_URL: receiver.url,
      ALERT_POLLER_FAILURES: '3',
      EXECUTION_MAX_RETRIES: '0',
      EXECUTION_BREAKER_FAILURES: '2',
      EXECUTION_BREAKER_OPEN_SECONDS: '1',
    });
    alerts = t.app.get(AlertsService);
    const redis = t.app.get<Redis>(REDIS);
    const stale = [...(await redis.keys('caseyos:alert:*')), ...(await redis.keys('caseyos:breaker-open:*'))];
    if (stale.length > 0) await redis.del(...stale);
    await t.app.get(DataSource).query(`UPDATE "job_beats" SET "consecutive_failures" = 0`);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('sends a breaker that opens once, and the resolve once it closes', async () => {
    const resilience = t.app.get(HandlerResilience);
    const failing = () => Promise.reject(new ConnectorTransientError('hubspot', 'HubSpot answered 503'));
    for (let i = 0; i < 2; i += 1) await expect(resilience.run('create_task', failing)).rejects.toThrow('503');
    expect(resilience.state('create_task').state).toBe('open');

    await alerts.evaluate();
    await alerts.evaluate(); // within the cooldown: not sent again
    expect(sent('breaker_open')).toEqual(['firing']);
    const firing = receiver.received.find((payload) => payload.alert === 'breaker_open')!;
    expect(firing.text).toContain('Circuit breaker open');
    expect(firing.text).toContain('create_task');

    await sleep(1100); // the breaker lets a trial through, which succeeds and closes it
    await resilience.run('create_task', () => Promise.resolve('ok'));
    await alerts.evaluate();
    expect(sent('breaker_open')).toEqual(['firing', 'resolved']);
  });

  it('sends a poller failing three ticks in a row, and the resolve after its next success', async () => {
    const beats = t.app.get(JobBeatsService);
    const fail = () => Promise.reject(new Error('HubSpot answered 503'));
    for (let i = 0; i < 2; i += 1) await expect(beats.track(SCHEDULED_JOBS.hubspotDealsPoll, fail)).rejects.toThrow();
    await alerts.evaluate();
    expect(sent('scheduled_job_failing')).toEqual([]);

    await expect(beats.track(SCHEDULED_JOBS.hubspotDealsPoll, fail)).rejects.toThrow();
    await alerts.evaluate();
    expect(sent('scheduled_job_failing')).toEqual(['firing']);
    expect(receiver.received.find((payload) => payload.alert === 'scheduled_job_failing')!.detail).toContain(
      'hubspot-deals-poll failed 3 ticks in a row (last error: HubSpot answered 503)',
    );

    await beats.track(SCHEDULED_JOBS.hubspotDealsPoll, () => Promise.resolve());
    await alerts.evaluate();
    expect(sent('scheduled_job_failing')).toEqual(['firing', 'resolved']);
  });

  it('docs/ops/prometheus-rules.yml uses only series /metrics exports', async () => {
    const rules = readFileSync('docs/ops/prometheus-rules.yml', 'utf8');
    const series = new Set((rules.match(/caseyos_[a-z_]+/g) ?? []).map((name) => name.replace(/_(bucket|count)$/, '')));
    expect(series.size).toBeGreaterThanOrEqual(6);
    const metrics = await (await fetch(`${t.baseUrl}/metrics`, { headers: operatorHeaders })).text();
    for (const name of series) expect(metrics).toContain(`# TYPE ${name} `);
  });
});
