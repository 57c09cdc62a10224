import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { HeartbeatProcessor } from './heartbeat.processor';
import { JobBeat } from './job-beat.entity';
import { JobBeatsService } from './job-beats.service';
import { bullConnectionFromUrl } from './redis-connection';
import { logQueueErrors } from './queue-errors';
import { ScheduledJobRegistry } from './scheduled-job.registry';

const JOB_HISTORY = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };

interface QueuesLifecycle {
  shuttingDown: boolean;
}
const QUEUES_LIFECYCLE = Symbol('QUEUES_LIFECYCLE');

/**
 * BullMQ wiring shared by every module, plus the platform queue and its heartbeat.
 * Processors and schedule upserts exist only where the role runs workers.
 */
@Global()
@Module({})
export class QueuesModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queues');

  static forRoot(config: AppConfig): DynamicModule {
    // Per app (tests run several in one process): read by this app's BullMQ clients.
    const lifecycle: QueuesLifecycle = { shuttingDown: false };
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRoot({
          connection: bullConnectionFromUrl(config.REDIS_URL, () => lifecycle.shuttingDown),
          defaultJobOptions: JOB_HISTORY,
        }),
        BullModule.registerQueue({ name: QUEUES.platform }),
        TypeOrmModule.forFeature([JobBeat]),
      ],
      providers: [
        { provide: QUEUES_LIFECYCLE, useValue: lifecycle },
        ScheduledJobRegistry,
        JobBeatsService,
        ...(config.runsWorkers ? [HeartbeatProcessor] : []),
      ],
      exports: [BullModule, ScheduledJobRegistry, JobBeatsService],
    };
  }

  constructor(
    private readonly config: AppConfig,
    private readonly registry: ScheduledJobRegistry,
    @Inject(QUEUES_LIFECYCLE) private readonly lifecycle: QueuesLifecycle,
    @Inject(getQueueToken(QUEUES.platform)) platformQueue: Queue,
  ) {
    logQueueErrors('Queues', [platformQueue]);
    registry.register({
      id: SCHEDULED_JOBS.heartbeat,
      everyMs: config.HEARTBEAT_EVERY_SECONDS * 1000,
      queue: platformQueue,
    });
  }

  /** Queues and workers close after this: a client reconnecting to a Redis that is down gives up. */
  beforeApplicationShutdown() {
    this.lifecycle.shuttingDown = true;
  }

  /** Upserting with a fixed id is idempotent, so every worker replica may do it. */
  async onApplicationBootstrap() {
    if (!this.config.runsWorkers) return;
    for (const job of this.registry.all()) {
      await job.queue.upsertJobScheduler(job.id, { every: job.everyMs }, { name: job.id, opts: JOB_HISTORY });
    }
  }
}
