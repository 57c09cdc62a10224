import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../platform/config/app-config';
import { ScheduledJobRegistry } from '../platform/queues/scheduled-job.registry';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { Account } from './accounts/account.entity';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { APS_SETTINGS, ApsScorer } from './aps/aps-scorer.service';
import { loadApsSettings } from './aps/load-aps-settings';
import { CommandQueueController } from './command-queue.controller';
import { CommandQueueService } from './command-queue.service';
import { CommandQueueItem } from './entities/command-queue-item.entity';
import { OpenMovesRescoreProcessor } from './open-moves-rescore.processor';
import { OUTCOME_HISTORY, OutcomeHistorySocket } from './outcome-history.port';
import { DemoSeeder } from './seed/demo-seeder.service';
import { SnoozeWakeProcessor } from './snooze-wake.processor';

const SNOOZE_WAKE_EVERY_MS = 30_000;

@Module({})
export class CommandQueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommandQueueModule,
      imports: [TypeOrmModule.forFeature([CommandQueueItem, Account]), BullModule.registerQueue({ name: QUEUES.commandQueue }, { name: QUEUES.queueRescore })],
      controllers: [CommandQueueController, AccountsController],
      providers: [
        { provide: APS_SETTINGS, useFactory: () => loadApsSettings(config.APS_WEIGHTS) },
        // The outcomes module plugs its history into the socket (OutcomesModule).
        OutcomeHistorySocket,
        { provide: OUTCOME_HISTORY, useExisting: OutcomeHistorySocket },
        ApsScorer,
        AccountsService,
        CommandQueueService,
        DemoSeeder,
        ...(config.runsWorkers ? [SnoozeWakeProcessor, OpenMovesRescoreProcessor] : []),
      ],
      exports: [CommandQueueService, AccountsService, OutcomeHistorySocket],
    };
  }

  constructor(
    registry: ScheduledJobRegistry,
    @Inject(getQueueToken(QUEUES.commandQueue)) queue: Queue,
    @Inject(getQueueToken(QUEUES.queueRescore)) rescoreQueue: Queue,
  ) {
    logQueueErrors('CommandQueue', [queue, rescoreQueue]);
    registry.register({ id: SCHEDULED_JOBS.snoozeWake, everyMs: SNOOZE_WAKE_EVERY_MS, queue });
  }
}
