import { getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import { ENQUEUED_JOBS, SCHEDULED_JOBS } from '@caseyos/contracts';
import { DelayedError, Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { reachable } from '../redis/close-redis';
import { JobBeatsService } from './job-beats.service';
import { JobFailure, JobRun, ON_JOB, ON_JOB_FAILED, OnJobOptions } from './on-job.decorator';
import { ScheduledJobRegistry } from './scheduled-job.registry';

/** The job names that must each have one handler, or start-up fails. */
export interface ExpectedJobs {
  scheduled: readonly string[];
  enqueued: readonly string[];
}
export const EXPECTED_JOBS = Symbol('EXPECTED_JOBS');
export const CONTRACT_JOBS: ExpectedJobs = { scheduled: Object.values(SCHEDULED_JOBS), enqueued: Object.values(ENQUEUED_JOBS) };

interface JobHandler {
  name: string;
  queue: string;
  everyMs?: number;
  /** `Class.method`, for error messages. */
  owner: string;
  run(data: unknown, run: JobRun): Promise<unknown>;
  failureHook?: FailureHook;
}

/** What `dispatch` needs of a BullMQ job (tests pass plain objects). */
export type DispatchedJob = Pick<Job, 'name' | 'data'> & Partial<Pick<Job, 'stalledCounter' | 'moveToDelayed'>>;

interface FailureHook {
  owner: string;
  tell(data: unknown, failure: JobFailure): void;
}

type Methods = Record<string, (...args: unknown[]) => unknown>;

/**
 * Every @OnJob method of every provider, collected at start-up (in every role, so each scheduled
 * job is listed for /health/beat). Start-up fails on a job name with two handlers and on an
 * expected job with none. In roles that run workers there is one BullMQ worker per queue, which
 * runs each job by its name.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly scheduledJobs: ScheduledJobRegistry,
    private readonly beats: JobBeatsService,
    @Inject(EXPECTED_JOBS) private readonly expected: ExpectedJobs,
  ) {}

  onModuleInit(): void {
    this.collect();
    this.verify();
    const queues = new Map<string, Queue>();
    for (const handler of this.handlers.values()) {
      const queue = this.queue(handler.queue, handler.name);
      queues.set(queue.name, queue);
      if (handler.everyMs !== undefined) this.scheduledJobs.register({ id: handler.name, everyMs: handler.everyMs, queue });
    }
    if (this.config.runsWorkers) this.startWorkers([...queues.values()]);
  }

  /** Runs one job by its name; a name with no handler on this queue fails the job. `token` is the worker's lock on it. */
  async dispatch(queue: string, job: DispatchedJob, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (handler?.queue !== queue) throw new Error(`No handler for job "${job.name}" on queue "${queue}"`);
    const run: JobRun = {
      // BullMQ counts a job taken back from a worker that stopped renewing its lock as stalled.
      resumed: (job.stalledCounter ?? 0) > 0,
      postpone: async (delayMs) => {
        if (!job.moveToDelayed || token === undefined) throw new Error(`Job "${job.name}" cannot be postponed outside a worker`);
        await job.moveToDelayed(Date.now() + Math.max(0, delayMs), token);
        throw new DelayedError();
      },
    };
    if (handler.everyMs === undefined) return handler.run(job.data, run);
    return this.beats.track(handler.name, () => handler.run(job.data, run));
  }

  /** Tells the job's failure hook, if it has one, of a failed try. */
  failed(job: Pick<Job, 'name' | 'data' | 'attemptsMade' | 'opts'> | undefined, error: Error): void {
    if (!job) return;
    this.handlers.get(job.name)?.failureHook?.tell(job.data, { error, attemptsMade: job.attemptsMade, final: job.attemptsMade >= (job.opts.attempts ?? 1) });
  }

  /**
   * Lets the active jobs finish while Postgres is still open: Nest runs every module's
   * `beforeApplicationShutdown` before any `onApplicationShutdown`, where the database pool closes.
   * With Redis unreachable a graceful close would wait for it to come back; the running job cannot
   * finish anyway, so that worker closes now. Its lock expires and a worker takes the job up again.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map(async (worker) => ((await reachable(worker.client)) ? worker.close() : worker.close(true))));
  }

  private collect(): void {
    const failureHooks: (FailureHook & { name: string })[] = [];
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      // One instance may sit behind several tokens (useExisting).
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      for (const key of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = (instance as Methods)[key];
        if (typeof method !== 'function') continue;
        const options = Reflect.getMetadata(ON_JOB, method) as OnJobOptions | undefined;
        const failedName = Reflect.getMetadata(ON_JOB_FAILED, method) as string | undefined;
        if (!options && !failedName) continue;
        const owner = `${instance.constructor.name}.${key}`;
        if (!wrapper.isDependencyTreeStatic()) throw new Error(`Job handler ${owner} must be a singleton provider (not request- or transient-scoped)`);
        const bound = method.bind(instance);
        if (options)
          this.add({ name: options.name, queue: options.queue, everyMs: this.intervalOf(options), owner, run: async (data, run) => bound(data, run) });
        if (failedName) failureHooks.push({ name: failedName, owner, tell: (data, failure) => void bound(data, failure) });
      }
    }
    for (const hook of failureHooks) {
      const handler = this.handlers.get(hook.name);
      if (!handler) throw new Error(`Job failure hook ${hook.owner} names job "${hook.name}", which has no @OnJob handler`);
      if (handler.failureHook) throw new Error(`Job "${hook.name}" has two failure hooks: ${handler.failureHook.owner} and ${hook.owner}`);
      handler.failureHook = hook;
    }
  }

  private add(handler: JobHandler): void {
    const existing = this.handlers.get(handler.name);
    if (existing) throw new Error(`Job "${handler.name}" has two handlers: ${existing.owner} and ${handler.owner}`);
    this.handlers.set(handler.name, handler);
  }

  private verify(): void {
    for (const name of this.expected.scheduled) {
      const handler = this.handlers.get(name);
      if (handler?.everyMs === undefined) throw new Error(`Scheduled job "${name}" has no @OnJob handler with an interval`);
    }
    for (const name of this.expected.enqueued) {
      if (!this.handlers.has(name)) throw new Error(`Job "${name}" is enqueued but has no @OnJob handler`);
    }
  }

  private intervalOf(options: OnJobOptions): number | undefined {
    if ('everyMs' in options) return options.everyMs;
    if (!('everySeconds' in options)) return undefined;
    const { settings, key } = options.everySeconds;
    const seconds = this.moduleRef.get<object, Record<string, unknown>>(settings, { strict: false })[key];
    if (typeof seconds !== 'number' || !(seconds > 0)) throw new Error(`Scheduled job "${options.name}": ${settings.name}.${key} is not a positive number`);
    return seconds * 1000;
  }

  private queue(name: string, job: string): Queue {
    try {
      return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    } catch {
      throw new Error(`Job "${job}" names queue "${name}", which no module registers (BullModule.registerQueue)`);
    }
  }

  /** One worker per queue, on the queue's own connection options. */
  private startWorkers(queues: Queue[]): void {
    for (const { name, opts } of queues) {
      // A worker that dies holds its job until the lock expires; then another worker's stalled check takes it up.
      const lockMs = this.config.JOB_LOCK_SECONDS * 1000;
      const worker = new Worker(name, (job, token) => this.dispatch(name, job, token), {
        connection: opts.connection,
        prefix: opts.prefix,
        lockDuration: lockMs,
        stalledInterval: lockMs,
      });
      worker.on('error', (error) => this.logger.warn({ event: 'worker_error', queue: name, error: error.message }));
      worker.on('failed', (job, error) => this.failed(job, error));
      this.workers.push(worker);
    }
  }
}
