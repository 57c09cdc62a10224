import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { HeartbeatProcessor } from './heartbeat.processor';
import { JobBeat } from './job-beat.entity';
import { JobBeatsService } from './job-beats.service';
import { bullConnectionFromUrl } from './redis-connection';
import { ScheduledJobRegistry } from './scheduled-job.registry';

const JOB_HISTORY = { removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } };

/**
 * BullMQ wiring shared by every module, plus the platform queue and its heartbeat.
 * Processors and schedule upserts exist only where the role runs workers.
 */
@Global()
@Module({})
export class QueuesModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRoot({ connection: bullConnectionFromUrl(config.REDIS_URL), defaultJobOptions: JOB_HISTORY }),
        BullModule.registerQueue({ name: QUEUES.platform }),
        TypeOrmModule.forFeature([JobBeat]),
      ],
      providers: [ScheduledJobRegistry, JobBeatsService, ...(config.runsWorkers ? [HeartbeatProcessor] : [])],
      exports: [BullModule, ScheduledJobRegistry, JobBeatsService],
    };
  }

  constructor(
    private readonly config: AppConfig,
    private readonly registry: ScheduledJobRegistry,
    @Inject(getQueueToken(QUEUES.platform)) platformQueue: Queue,
  ) {
    platformQueue.on('error', (error) => this.logger.warn({ event: 'queue_error', queue: QUEUES.platform, error: error.message }));
    registry.register({
      id: SCHEDULED_JOBS.heartbeat,
      everyMs: config.HEARTBEAT_EVERY_SECONDS * 1000,
      queue: platformQueue,
    });
  }

  /** Upserting with a fixed id is idempotent, so every worker replica may do it. */
  async onApplicationBootstrap() {
    if (!this.config.runsWorkers) return;
    for (const job of this.registry.all()) {
      await job.queue.upsertJobScheduler(job.id, { every: job.everyMs }, { name: job.id, opts: JOB_HISTORY });
    }
  }
}
