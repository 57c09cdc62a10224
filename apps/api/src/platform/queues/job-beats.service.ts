import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { BeatResponse, ScheduledJobBeat } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { CLOCK, Clock } from '../clock/clock';
import { JobBeat } from './job-beat.entity';
import { ScheduledJobRegistry } from './scheduled-job.registry';

/** A job is stale when it has not succeeded for this many intervals. */
const STALE_AFTER_INTERVALS = 3;

@Injectable()
export class JobBeatsService {
  private readonly logger = new Logger('JobBeats');

  constructor(
    @InjectRepository(JobBeat) private readonly beats: Repository<JobBeat>,
    private readonly registry: ScheduledJobRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs one tick of a scheduled job and records its run, success or error. */
  async track<T>(name: string, work: () => Promise<T>): Promise<T> {
    const job = this.registry.all().find((candidate) => candidate.id === name);
    const startedAt = this.clock.now();
    await this.beats.upsert({ name, everyMs: job?.everyMs ?? 0, lastRunAt: startedAt }, ['name']);
    try {
      const result = await work();
      await this.beats.update({ name }, { lastSuccessAt: this.clock.now(), consecutiveFailures: 0 });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ event: 'scheduled_job_failed', job: name, error: message });
      await this.beats.update(
        { name },
        { lastError: message.slice(0, 500), lastErrorAt: this.clock.now(), consecutiveFailures: () => '"consecutive_failures" + 1' },
      );
      throw error;
    }
  }

  /** Each recorded job's failed ticks since its last success (the scheduled-job alert). */
  async failureStreaks(): Promise<{ name: string; consecutiveFailures: number; lastError: string | null }[]> {
    const rows = await this.beats.find({ select: { name: true, consecutiveFailures: true, lastError: true }, order: { name: 'ASC' } });
    return rows.map(({ name, consecutiveFailures, lastError }) => ({ name, consecutiveFailures, lastError }));
  }

  async report(): Promise<Omit<BeatResponse, 'processes'>> {
    const rows = new Map((await this.beats.find()).map((row) => [row.name, row]));
    const now = this.clock.now().getTime();
    const jobs = await Promise.all(
      this.registry.all().map(async (job): Promise<ScheduledJobBeat> => {
        const row = rows.get(job.id);
        return {
          name: job.id,
          every_ms: job.everyMs,
          last_run_at: row?.lastRunAt?.toISOString() ?? null,
          last_success_at: row?.lastSuccessAt?.toISOString() ?? null,
          last_error: row?.lastError ?? null,
          last_error_at: row?.lastErrorAt?.toISOString() ?? null,
          next_run_at: await this.nextRun(job.id, job.queue),
        };
      }),
    );
    const stale = jobs.some((job) => !job.last_success_at || now - Date.parse(job.last_success_at) > job.every_ms * STALE_AFTER_INTERVALS);
    return { status: stale ? 'stale' : 'ok', jobs };
  }

  private async nextRun(id: string, queue: Queue): Promise<string | null> {
    try {
      const scheduler = await queue.getJobScheduler(id);
      return scheduler?.next ? new Date(scheduler.next).toISOString() : null;
    } catch {
      return null; // Redis down: the rest of the report still comes from Postgres.
    }
  }
}
