import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ENQUEUED_JOBS, QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { DelayedError } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobBeatsService } from './job-beats.service';
import { EXPECTED_JOBS, ExpectedJobs, JobHandlerRegistry } from './job-handler.registry';
import { JobFailure, JobRun, OnJob, OnJobFailed, secondsIn } from './on-job.decorator';
import { ScheduledJobRegistry } from './scheduled-job.registry';

class PollSettings {
  POLL_SECONDS = 7;
}

@Injectable()
class RescoreJob {
  readonly runs: unknown[] = [];
  readonly failures: JobFailure[] = [];

  @OnJob({ name: ENQUEUED_JOBS.rescoreOpenMoves, queue: QUEUES.queueRescore })
  async rescore(data: { domain: string }): Promise<string> {
    this.runs.push(data);
    return `rescored ${data.domain}`;
  }

  @OnJobFailed(ENQUEUED_JOBS.rescoreOpenMoves)
  onFailed(_data: unknown, failure: JobFailure): void {
    this.failures.push(failure);
  }
}

@Injectable()
class SweepJob {
  @OnJob({ name: SCHEDULED_JOBS.executionSweep, queue: QUEUES.executionSweep, everySeconds: secondsIn(PollSettings, 'POLL_SECONDS') })
  async sweep(): Promise<number> {
    return 3;
  }
}

@Injectable()
class SecondRescoreJob {
  @OnJob({ name: ENQUEUED_JOBS.rescoreOpenMoves, queue: QUEUES.queueRescore })
  async rescoreAgain(): Promise<void> {}
}

/** Comes back later when an earlier worker lost it, as a queued execution's job does while that run may still be going. */
@Injectable()
class ResumableJob {
  readonly runs: boolean[] = [];

  @OnJob({ name: ENQUEUED_JOBS.runQueuedExecution, queue: QUEUES.executionQueued })
  async runQueued(_data: unknown, run: JobRun): Promise<void> {
    this.runs.push(run.resumed);
    if (run.resumed) return run.postpone(5000);
  }
}

const queue = (name: string) => ({ provide: getQueueToken(name), useValue: { name } });
const EXPECTING_BOTH: ExpectedJobs = { scheduled: [SCHEDULED_JOBS.executionSweep], enqueued: [ENQUEUED_JOBS.rescoreOpenMoves] };

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((moduleRef) => moduleRef.close()));
});

/** Boots a Nest context with these job classes and no workers (workers need Redis: see the int specs). */
async function start(jobs: Type[], expected: ExpectedJobs = EXPECTING_BOTH) {
  const tracked: string[] = [];
  const beats = { track: (name: string, work: () => Promise<unknown>) => (tracked.push(name), work()) };
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      JobHandlerRegistry,
      ScheduledJobRegistry,
      ...jobs,
      PollSettings,
      { provide: AppConfig, useValue: { runsWorkers: false } },
      { provide: JobBeatsService, useValue: beats },
      { provide: EXPECTED_JOBS, useValue: expected },
      queue(QUEUES.queueRescore),
      queue(QUEUES.executionSweep),
      queue(QUEUES.executionQueued),
    ],
  }).compile();
  await moduleRef.init();
  started.push(moduleRef);
  return { moduleRef, registry: moduleRef.get(JobHandlerRegistry), tracked };
}

describe('JobHandlerRegistry', () => {
  it('fails start-up on a job name with two handlers, naming the job and both handlers', async () => {
    await expect(start([RescoreJob, SecondRescoreJob, SweepJob])).rejects.toThrow(
      'Job "rescore-open-moves" has two handlers: RescoreJob.rescore and SecondRescoreJob.rescoreAgain',
    );
  });

  it('fails start-up on an enqueued job with no handler', async () => {
    await expect(start([SweepJob])).rejects.toThrow('Job "rescore-open-moves" is enqueued but has no @OnJob handler');
  });

  it('fails start-up on a scheduled job with no handler', async () => {
    await expect(start([RescoreJob])).rejects.toThrow('Scheduled job "execution-sweep" has no @OnJob handler with an interval');
  });

  it('lists each scheduled job with its interval and queue, read from its setting', async () => {
    const { moduleRef } = await start([RescoreJob, SweepJob]);
    const scheduled = moduleRef.get(ScheduledJobRegistry).all();
    expect(scheduled.map(({ id, everyMs, queue }) => ({ id, everyMs, queue: queue.name }))).toEqual([
      { id: SCHEDULED_JOBS.executionSweep, everyMs: 7000, queue: QUEUES.executionSweep },
    ]);
  });

  it('runs a job by its name with its data, and records the beat of a scheduled one', async () => {
    const { moduleRef, registry, tracked } = await start([RescoreJob, SweepJob]);
    await expect(registry.dispatch(QUEUES.queueRescore, { name: ENQUEUED_JOBS.rescoreOpenMoves, data: { domain: 'cs' } })).resolves.toBe('rescored cs');
    expect(moduleRef.get(RescoreJob).runs).toEqual([{ domain: 'cs' }]);
    expect(tracked).toEqual([]);

    await expect(registry.dispatch(QUEUES.executionSweep, { name: SCHEDULED_JOBS.executionSweep, data: undefined })).resolves.toBe(3);
    expect(tracked).toEqual([SCHEDULED_JOBS.executionSweep]);
  });

  it('fails a job whose name has no handler on its queue', async () => {
    const { registry } = await start([RescoreJob, SweepJob]);
    await expect(registry.dispatch(QUEUES.queueRescore, { name: 'mystery', data: {} })).rejects.toThrow(
      'No handler for job "mystery" on queue "command-queue-rescore"',
    );
    // A known name on another queue is not this queue's job either.
    await expect(registry.dispatch(QUEUES.queueRescore, { name: SCHEDULED_JOBS.executionSweep, data: undefined })).rejects.toThrow(
      'No handler for job "execution-sweep" on queue "command-queue-rescore"',
    );
  });

  it("tells a job whether an earlier worker lost it, and postpones it under the running worker's lock", async () => {
    const { moduleRef, registry } = await start([RescoreJob, SweepJob, ResumableJob]);
    const moved: [number, string][] = [];
    const job = (stalledCounter: number) => ({
      name: ENQUEUED_JOBS.runQueuedExecution,
      data: {},
      stalledCounter,
      moveToDelayed: async (timestamp: number, token?: string) => void moved.push([timestamp, token!]),
    });
    await expect(registry.dispatch(QUEUES.executionQueued, job(0), 'first-lock')).resolves.toBeUndefined();
    expect(moved).toEqual([]);

    const before = Date.now();
    // DelayedError tells the BullMQ worker the job was moved, not failed.
    await expect(registry.dispatch(QUEUES.executionQueued, job(1), 'second-lock')).rejects.toBeInstanceOf(DelayedError);
    expect(moduleRef.get(ResumableJob).runs).toEqual([false, true]);
    expect(moved).toHaveLength(1);
    expect(moved[0][1]).toBe('second-lock');
    expect(moved[0][0]).toBeGreaterThanOrEqual(before + 5000);
    expect(moved[0][0]).toBeLessThanOrEqual(Date.now() + 5000);
    // Without a worker's job there is nothing to move: an error, not a silent success.
    await expect(registry.dispatch(QUEUES.executionQueued, { name: ENQUEUED_JOBS.runQueuedExecution, data: {}, stalledCounter: 1 })).rejects.toThrow(
      'cannot be postponed outside a worker',
    );
  });

  it('tells the failure hook of each failed try, and whether it was the last', async () => {
    const { moduleRef, registry } = await start([RescoreJob, SweepJob]);
    const error = new Error('provider down');
    const job = (attemptsMade: number) => ({ name: ENQUEUED_JOBS.rescoreOpenMoves, data: {}, attemptsMade, opts: { attempts: 3 } });
    registry.failed(job(1), error);
    registry.failed(job(3), error);
    registry.failed({ name: SCHEDULED_JOBS.executionSweep, data: undefined, attemptsMade: 1, opts: {} }, error);
    expect(moduleRef.get(RescoreJob).failures).toEqual([
      { error, attemptsMade: 1, final: false },
      { error, attemptsMade: 3, final: true },
    ]);
  });
});
