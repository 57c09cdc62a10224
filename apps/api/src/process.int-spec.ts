import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { Queue } from 'bullmq';
import { bullConnectionFromUrl } from './platform/queues/redis-connection';
import { freePort } from './testing/redis-server';
import { TEST_ADMIN_TOKEN, eventually } from './testing/test-app';

/** These tests run the built entry points (`nx run api:build`) as real processes. */
const dist = join(__dirname, '..', '..', '..', 'dist', 'api', 'apps', 'api', 'src');

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function run(entry: 'main.js' | 'worker.js', env: Record<string, string | undefined>): Running {
  const child = spawn(process.execPath, [join(dist, entry)], {
    // Suites share one Redis and so one rate-limit counter per address: whatever ran just before
    // must not push this process over the default limit.
    env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, RATE_LIMIT_MAX: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

const baseEnv = { ADMIN_TOKEN: TEST_ADMIN_TOKEN, NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1' };

beforeAll(() => {
  if (!existsSync(join(dist, 'main.js'))) throw new Error('Build the API first: npx nx run api:build');
});

describe('the api process', () => {
  it('exits 1 with one line naming a missing variable', async () => {
    const running = run('main.js', { ...baseEnv, ADMIN_TOKEN: undefined });
    expect(await running.exit).toBe(1);
    const lines = running.output().trim().split('\n');
    expect(lines).toEqual(['caseyos: Invalid configuration: ADMIN_TOKEN must be at least 24 characters']);
  });

  it('exits 1 with a clear line when the port is in use', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const running = run('main.js', { ...baseEnv, PORT: String(port) });
      expect(await running.exit).toBe(1);
      expect(running.output()).toContain(`caseyos: port ${port} is in use; set PORT to a free port`);
    } finally {
      blocker.close();
    }
  });

  it('finishes an in-flight request on Ctrl-C, exits 0, and never logs secrets', async () => {
    const port = await freePort();
    const running = run('main.js', { ...baseEnv, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${base}/ready`)).status).toBe(200), 60_000, 250);

    const signIn = await fetch(`${base}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proc-signin' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrf_token: csrf } = await signIn.json();
    await fetch(`${base}/api/audit`, { headers: { cookie, 'x-request-id': 'proc-cookie' } });
    await fetch(`${base}/api/audit?token=${TEST_ADMIN_TOKEN}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });

    // Send half a request, signal, then the rest: the answer must still arrive.
    const body = JSON.stringify({ token: 'not-the-operator-token' });
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/auth/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(10)); // no FIN: a half-closed socket is torn down by Node
    await closed;

    expect(response).toMatch(/^HTTP\/1\.1 401/);
    expect(await running.exit).toBe(0);
    const output = running.output();
    expect(output).toContain('SIGINT received, shutting down gracefully');
    expect(output).toContain('"id":"proc-cookie"');
    expect(output).not.toContain(TEST_ADMIN_TOKEN);
    expect(output).not.toContain(cookie.split('=')[1]);
    expect(output).not.toContain(csrf);
    expect(output).not.toContain('not-the-operator-token');
  });
});

describe('two worker processes', () => {
  it('run each scheduled tick exactly once', async () => {
    const redisUrl = process.env.REDIS_URL as string;
    const queue = new Queue(QUEUES.platform, { connection: bullConnectionFromUrl(redisUrl) });
    const workers = [1, 2].map(() => run('worker.js', { ...baseEnv, LOG_LEVEL: 'warn', HEARTBEAT_EVERY_SECONDS: '1' }));
    try {
      // Count only ticks from when both workers compete.
      await eventually(async () => workers.forEach((worker) => expect(worker.output()).toContain('worker started')), 90_000, 250);
      const started = Date.now();
      await eventually(
        async () => {
          const done = (await queue.getJobs(['completed'], 0, 500)).filter((job) => job.name === SCHEDULED_JOBS.heartbeat && job.timestamp > started + 2000);
          expect(done.length).toBeGreaterThanOrEqual(4);
        },
        60_000,
        250,
      );
      const ticks = (await queue.getJobs(['completed', 'failed', 'active'], 0, 1000)).filter(
        (job) => job.name === SCHEDULED_JOBS.heartbeat && job.timestamp > started + 2000,
      );
      // One job per tick time, each processed by one worker in one attempt.
      expect(ticks.length).toBeGreaterThanOrEqual(4);
      expect(new Set(ticks.map((job) => job.id)).size).toBe(ticks.length);
      expect(ticks.every((job) => job.attemptsMade <= 1)).toBe(true);
      // The slot a job was scheduled for: two jobs for one slot would mean a tick ran twice.
      const slots = ticks.map((job) => job.timestamp + (job.opts.delay ?? 0));
      expect(new Set(slots).size).toBe(slots.length);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((scheduler) => scheduler.key === SCHEDULED_JOBS.heartbeat)).toHaveLength(1);
    } finally {
      workers.forEach((worker) => worker.child.kill('SIGTERM'));
      expect(await Promise.all(workers.map((worker) => worker.exit))).toEqual([0, 0]);
      await queue.close();
    }
  }, 180_000);
});

describe('the worker process', () => {
  it('runs scheduled jobs without serving HTTP, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const started = Date.now();
    const worker = run('worker.js', { ...baseEnv, HEARTBEAT_EVERY_SECONDS: '1', PORT: String(port) });
    const api = run('main.js', { ...baseEnv, ROLE: 'api', PORT: String(await freePort()) });
    const apiPort = Number(
      /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(
        await eventually(
          async () => {
            expect(api.output()).toMatch(/listening on/);
            return api.output();
          },
          60_000,
          250,
        ),
      )?.[1],
    );

    await eventually(
      async () => {
        const beat = await (await fetch(`http://127.0.0.1:${apiPort}/health/beat`)).json();
        const heartbeat = beat.jobs.find((job: { name: string }) => job.name === 'heartbeat');
        expect(Date.parse(heartbeat.last_success_at)).toBeGreaterThan(started);
      },
      60_000,
      250,
    );
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect(await worker.exit).toBe(0);
    expect(await api.exit).toBe(0);
  });
});
