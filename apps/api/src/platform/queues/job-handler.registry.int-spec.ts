import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommandQueueService } from '../../command-queue/command-queue.service';
import { insertDueSnoozedCopies } from '../../testing/snoozed-backlog';
import { TestApp, eventually, startTestApp } from '../../testing/test-app';
import { dataSourceOptions } from '../database/data-source-options';
import { bullConnectionFromUrl } from './redis-connection';

const scheduledIds = Object.values(SCHEDULED_JOBS).sort();
/** Where each scheduled job runs: one queue each, so a slow tick holds up no other job. */
const SCHEDULE_QUEUES: Record<string, string> = {
  [SCHEDULED_JOBS.heartbeat]: QUEUES.platform,
  [SCHEDULED_JOBS.snoozeWake]: QUEUES.commandQueue,
  [SCHEDULED_JOBS.signalsRetry]: QUEUES.signals,
  [SCHEDULED_JOBS.hubspotDealsPoll]: QUEUES.hubspotDealsPoll,
  [SCHEDULED_JOBS.gmailRepliesPoll]: QUEUES.gmailRepliesPoll,
  [SCHEDULED_JOBS.calendarPoll]: QUEUES.calendarPoll,
  [SCHEDULED_JOBS.executionSweep]: QUEUES.executionSweep,
  [SCHEDULED_JOBS.detectOutcomes]: QUEUES.outcomesDetect,
};

describe('jobs on real Redis (the job registry)', () => {
  describe('in a role that runs workers', () => {
    let t: TestApp;
    let queues: Queue[];
    beforeAll(async () => {
      t = await startTestApp();
      queues = [QUEUES.platform, QUEUES.executionQueued].map((name) => new Queue(name, { connection: bullConnectionFromUrl(process.env.REDIS_URL!) }));
    });
    afterAll(async () => {
      await t.close();
      await Promise.all(queues.map((queue) => queue.close()));
    });

    it('fails a job whose name no handler takes on its queue, saying so', async () => {
      const [platform, executionQueued] = queues;
      const unknown = await platform.add(`no-such-job-${randomUUID()}`, {});
      // A known name sent to another queue than its handler's is refused the same way.
      const misrouted = await executionQueued.add(SCHEDULED_JOBS.heartbeat, {});
      try {
        await eventually(async () => {
          expect(await platform.getJobState(unknown.id!)).toBe('failed');
          expect(await executionQueued.getJobState(misrouted.id!)).toBe('failed');
        });
        expect((await platform.getJob(unknown.id!))?.failedReason).toBe(`No handler for job "${unknown.name}" on queue "platform"`);
        expect((await executionQueued.getJob(misrouted.id!))?.failedReason).toBe('No handler for job "heartbeat" on queue "execution-queued"');
      } finally {
        await Promise.all([unknown.remove(), misrouted.remove()]);
      }
    });

    it('keeps one job scheduler per scheduled job, on its queue', async () => {
      const found = await Promise.all(
        [...new Set(Object.values(SCHEDULE_QUEUES))].map(async (name) => {
          const queue = new Queue(name, { connection: bullConnectionFromUrl(process.env.REDIS_URL!) });
          try {
            return (await queue.getJobSchedulers()).map((scheduler) => `${name}:${scheduler.key}`);
          } finally {
            await queue.close();
          }
        }),
      );
      expect(found.flat().sort()).toEqual(
        Object.entries(SCHEDULE_QUEUES)
          .map(([id, queue]) => `${queue}:${id}`)
          .sort(),
      );
    });
  });

  it('lists every scheduled job with its interval for /health/beat in the api role too', async () => {
    const t = await startTestApp({ ROLE: 'api', POLL_EVERY_SECONDS: '120', EXECUTION_SWEEP_SECONDS: '9' });
    try {
      const body = (await (await fetch(`${t.baseUrl}/health/beat`)).json()) as { jobs: { name: string; every_ms: number }[] };
      expect(body.jobs.map((job) => job.name).sort()).toEqual(scheduledIds);
      const everyMs = Object.fromEntries(body.jobs.map((job) => [job.name, job.every_ms]));
      expect(everyMs).toMatchObject({
        [SCHEDULED_JOBS.heartbeat]: 1000,
        [SCHEDULED_JOBS.hubspotDealsPoll]: 120_000,
        [SCHEDULED_JOBS.executionSweep]: 9000,
        [SCHEDULED_JOBS.snoozeWake]: 30_000,
      });
    } finally {
      await t.close();
    }
  });

  it('lets an active job finish its database work when the app shuts down', async () => {
    const t = await startTestApp();
    const db = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    const queue = new Queue(QUEUES.commandQueue, { connection: bullConnectionFromUrl(process.env.REDIS_URL!) });
    try {
      const { move } = await t.app
        .get(CommandQueueService)
        .create({ domain: 'sales', actionType: 'send_email', title: 'Shutdown template', scoreInputs: {} }, { actor: 'test' });
      // Several wake batches, so the job still needs Postgres after the shutdown has begun.
      const backlog = await insertDueSnoozedCopies(db, move.id, 1100);
      const job = await queue.add(SCHEDULED_JOBS.snoozeWake, {});
      await eventually(async () => expect(await queue.getJobState(job.id!)).toBe('active'), 30_000, 10);

      await t.close();

      expect(await queue.getJobState(job.id!)).toBe('completed');
      const [{ snoozed }] = await db.query<{ snoozed: string }[]>(
        `SELECT count(*) AS snoozed FROM command_queue_items WHERE title LIKE $1 || '%' AND status = 'snoozed'`,
        [backlog],
      );
      expect(Number(snoozed)).toBe(0);
    } finally {
      await Promise.all([queue.close(), db.destroy()]);
    }
  });
});
