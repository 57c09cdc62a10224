import type { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { BeatResponse, ProcessBeatView } from '@caseyos/contracts';
import { Client } from 'pg';
import { createWorkerApp } from '../../create-app';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl } from '../../testing/fuzz/fuzz-database';
import { OwnRedisServer } from '../../testing/redis-server';
import { TEST_ADMIN_TOKEN, TestApp, eventually, operatorHeaders, startTestApp } from '../../testing/test-app';
import { loadConfig } from '../config/load-config';
import { PROCESS_BEAT_EVERY_MS, ProcessBeatsService } from './process-beats.service';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

async function processes(t: TestApp): Promise<ProcessBeatView[]> {
  const body = (await (await fetch(`${t.baseUrl}/health/beat`, { headers: operatorHeaders })).json()) as BeatResponse;
  return body.processes;
}

describe('/health/beat lists the running processes (real Postgres)', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    api = await startTestApp({ ROLE: 'api' });
    worker = await createWorkerApp(
      loadConfig({ ...process.env, ROLE: 'worker', NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'silent', GIT_COMMIT: 'abcdef1234567890' }),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  it('shows an api and a worker process with role, version and last beat, and marks a stopped one stale', async () => {
    const listed = await processes(api);
    const apiProcess = listed.find((row) => row.role === 'api' && row.status === 'live');
    const workerProcess = listed.find((row) => row.role === 'worker' && row.status === 'live' && row.version === `${packageVersion}+abcdef123456`);
    expect(apiProcess).toMatchObject({ version: packageVersion, id: expect.stringContaining(`:${process.pid}:`) });
    expect(workerProcess).toBeDefined();
    expect(Date.parse(workerProcess!.last_beat_at)).toBeGreaterThanOrEqual(Date.parse(workerProcess!.started_at));

    await worker!.close();
    worker = undefined;
    // Three missed beats later (the api's test clock moves instead of the test waiting), only the api still beats.
    api.advanceClock(PROCESS_BEAT_EVERY_MS * 3 + 1000);
    await api.app.get(ProcessBeatsService).beat();

    const after = await eventually(async () => {
      const rows = await processes(api);
      expect(rows.find((row) => row.id === workerProcess!.id)?.status).toBe('stale');
      return rows;
    });
    expect(after.find((row) => row.id === apiProcess!.id)?.status).toBe('live');
    // Live processes come first.
    expect(after[0].status).toBe('live');
  });
});

describe('a worker started on an empty database (real Postgres, a Redis of its own)', () => {
  it('migrates before its start-up hooks run, so it is listed from its first beat', async () => {
    const databaseUrl = siblingDatabaseUrl(process.env.DATABASE_URL!, 'empty_worker');
    const [redis] = await Promise.all([OwnRedisServer.start(), recreateDatabase(databaseUrl)]);
    let worker: INestApplicationContext | undefined;
    const db = new Client({ connectionString: databaseUrl });
    try {
      worker = await createWorkerApp(
        loadConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url, ROLE: 'worker', NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'silent' }),
      );
      await db.connect();
      // Written by the start-up hook, before the first interval: no waiting here.
      const { rows } = await db.query<{ role: string }>('SELECT role FROM process_beats');
      expect(rows.map((row) => row.role)).toEqual(['worker']);
    } finally {
      await worker?.close();
      await db.end();
      await redis.stop();
      await dropDatabase(databaseUrl);
    }
  }, 60_000);
});
