import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AccountsModule } from '../accounts/accounts.module';
import { AppConfig } from '../platform/config/app-config';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { APS_SETTINGS, ApsScorer } from './aps/aps-scorer.service';
import { loadApsSettings } from './aps/load-aps-settings';
import { CommandQueueController } from './command-queue.controller';
import { CommandQueueService } from './command-queue.service';
import { CommandQueueItem } from './entities/command-queue-item.entity';
import { OpenMovesRescoreJob } from './open-moves-rescore.job';
import { OUTCOME_HISTORY, OutcomeHistorySocket } from './outcome-history.port';
import { DemoSeeder } from './seed/demo-seeder.service';
import { SnoozeWakeJob } from './snooze-wake.job';

@Module({})
export class CommandQueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CommandQueueModule,
      imports: [
        AccountsModule,
        TypeOrmModule.forFeature([CommandQueueItem]),
        BullModule.registerQueue({ name: QUEUES.commandQueue }, { name: QUEUES.queueRescore }),
      ],
      controllers: [CommandQueueController],
      providers: [
        { provide: APS_SETTINGS, useFactory: () => loadApsSettings(config.APS_WEIGHTS) },
        // The outcomes module plugs its history into the socket (OutcomesModule).
        OutcomeHistorySocket,
        { provide: OUTCOME_HISTORY, useExisting: OutcomeHistorySocket },
        ApsScorer,
        CommandQueueService,
        DemoSeeder,
        SnoozeWakeJob,
        OpenMovesRescoreJob,
      ],
      exports: [CommandQueueService, OutcomeHistorySocket],
    };
  }

  constructor(@Inject(getQueueToken(QUEUES.commandQueue)) queue: Queue, @Inject(getQueueToken(QUEUES.queueRescore)) rescoreQueue: Queue) {
    logQueueErrors('CommandQueue', [queue, rescoreQueue]);
  }
}
