import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { HeartbeatJob } from './heartbeat.job';
import { JobBeat } from './job-beat.entity';
import { JobBeatsService } from './job-beats.service';
import { CONTRACT_JOBS, EXPECTED_JOBS, JobHandlerRegistry } from './job-handler.registry';
import { bullConnectionFromUrl } from './redis-connection';
import { logQueueErrors } from './queue-errors';
import { ScheduledJobRegistry } from './scheduled-job.registry';

const JOB_HISTORY = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };

interface QueuesLifecycle {
  shuttingDown: boolean;
}
const QUEUES_LIFECYCLE = Symbol('QUEUES_LIFECYCLE');

/**
 * BullMQ wiring shared by every module: the job registry (@OnJob handlers), the platform queue and
 * its heartbeat. Workers and schedule upserts exist only where the role runs workers.
 */
@Global()
@Module({})
export class QueuesModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
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
        DiscoveryModule,
      ],
      providers: [
        { provide: QUEUES_LIFECYCLE, useValue: lifecycle },
        { provide: EXPECTED_JOBS, useValue: CONTRACT_JOBS },
        ScheduledJobRegistry,
        JobBeatsService,
        JobHandlerRegistry,
        HeartbeatJob,
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
  }

  /** Queues and workers close after this: a client reconnecting to a Redis that is down gives up. */
  beforeApplicationShutdown() {
    this.lifecycle.shuttingDown = true;
  }

  /** The registry lists the scheduled jobs at module init; upserting with a fixed id is idempotent, so every worker replica may do it. */
  async onApplicationBootstrap() {
    if (!this.config.runsWorkers) return;
    for (const job of this.registry.all()) {
      await job.queue.upsertJobScheduler(job.id, { every: job.everyMs }, { name: job.id, opts: JOB_HISTORY });
    }
  }
}
