import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Logger, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../platform/config/app-config';
import { ScheduledJobRegistry } from '../platform/queues/scheduled-job.registry';
import { Account } from './accounts/account.entity';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { APS_SETTINGS, ApsScorer } from './aps/aps-scorer.service';
import { loadApsSettings } from './aps/load-aps-settings';
import { CommandQueueController } from './command-queue.controller';
import { CommandQueueService } from './command-queue.service';
import { CommandQueueItem } from './entities/command-queue-item.entity';
import { OUTCOME_HISTORY, noOutcomeHistory } from './outcome-history.port';
import { DemoSeeder } from './seed/demo-seeder.service';
import { SnoozeWakeProcessor } from './snooze-wake.processor';

const SNOOZE_WAKE_EVERY_MS = 30_000;

export interface CommandQueueModuleOptions {
  /** Supplied by the outcomes module once it exists; the prior until then. */
  outcomeHistory?: Provider;
}

@Module({})
export class CommandQueueModule {
  static forRoot(config: AppConfig, options: CommandQueueModuleOptions = {}): DynamicModule {
    return {
      module: CommandQueueModule,
      imports: [TypeOrmModule.forFeature([CommandQueueItem, Account]), BullModule.registerQueue({ name: QUEUES.commandQueue })],
      controllers: [CommandQueueController, AccountsController],
      providers: [
        { provide: APS_SETTINGS, useFactory: () => loadApsSettings(config.APS_WEIGHTS) },
        options.outcomeHistory ?? { provide: OUTCOME_HISTORY, useValue: noOutcomeHistory },
        ApsScorer,
        AccountsService,
        CommandQueueService,
        DemoSeeder,
        ...(config.runsWorkers ? [SnoozeWakeProcessor] : []),
      ],
      exports: [CommandQueueService, AccountsService],
    };
  }

  constructor(registry: ScheduledJobRegistry, @Inject(getQueueToken(QUEUES.commandQueue)) queue: Queue) {
    const logger = new Logger('CommandQueue');
    queue.on('error', (error) => logger.warn({ event: 'queue_error', queue: QUEUES.commandQueue, error: error.message }));
    registry.register({ id: SCHEDULED_JOBS.snoozeWake, everyMs: SNOOZE_WAKE_EVERY_MS, queue });
  }
}
