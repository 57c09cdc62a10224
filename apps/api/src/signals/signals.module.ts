import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { CommandQueueModule } from '../command-queue/command-queue.module';
import { AppConfig } from '../platform/config/app-config';
import { ScheduledJobRegistry } from '../platform/queues/scheduled-job.registry';
import { Signal } from './entities/signal.entity';
import { PendingSignalsProcessor } from './pending-signals.processor';
import { CalendarSignalProcessor } from './processors/calendar.processor';
import { FormSignalProcessor } from './processors/form.processor';
import { GmailRepliesProcessor } from './processors/gmail-replies.processor';
import { HubSpotDealsProcessor } from './processors/hubspot-deals.processor';
import { ManualSignalProcessor } from './processors/manual.processor';
import { SignalProcessorRegistry } from './processors/signal-processor.registry';
import { SignalsController } from './signals.controller';
import { SignalsService } from './signals.service';
import { HubSpotWebhooksController } from './webhooks/hubspot-webhooks.controller';

const PROCESSORS = [FormSignalProcessor, ManualSignalProcessor, HubSpotDealsProcessor, GmailRepliesProcessor, CalendarSignalProcessor];
const RETRY_EVERY_MS = 60_000;

@Module({})
export class SignalsModule {
  static forRoot(config: AppConfig, commandQueue: DynamicModule): DynamicModule {
    return {
      module: SignalsModule,
      imports: [TypeOrmModule.forFeature([Signal]), BullModule.registerQueue({ name: QUEUES.signals }), commandQueue],
      controllers: [SignalsController, HubSpotWebhooksController],
      providers: [
        ...PROCESSORS,
        { provide: SignalProcessorRegistry, inject: PROCESSORS, useFactory: (...processors) => new SignalProcessorRegistry(processors) },
        SignalsService,
        ...(config.runsWorkers ? [PendingSignalsProcessor] : []),
      ],
      exports: [SignalsService],
    };
  }

  constructor(registry: ScheduledJobRegistry, @Inject(getQueueToken(QUEUES.signals)) queue: Queue) {
    const logger = new Logger('Signals');
    queue.on('error', (error) => logger.warn({ event: 'queue_error', queue: QUEUES.signals, error: error.message }));
    registry.register({ id: SCHEDULED_JOBS.signalsRetry, everyMs: RETRY_EVERY_MS, queue });
  }
}
