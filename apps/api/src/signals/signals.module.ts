import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { CommandQueueModule } from '../command-queue/command-queue.module';
import { AppConfig } from '../platform/config/app-config';
import { ScheduledJobRegistry } from '../platform/queues/scheduled-job.registry';
import { ConnectorsModule } from '../connectors/connectors.module';
import { HubSpotDealSnapshot } from './entities/hubspot-deal-snapshot.entity';
import { Signal } from './entities/signal.entity';
import { HubSpotDealsPollProcessor } from './pollers/hubspot-deals-poll.processor';
import { HubSpotDealsPoller } from './pollers/hubspot-deals.poller';
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
      imports: [
        TypeOrmModule.forFeature([Signal, HubSpotDealSnapshot]),
        BullModule.registerQueue({ name: QUEUES.signals }, { name: QUEUES.hubspotDealsPoll }),
        ConnectorsModule,
        commandQueue,
      ],
      controllers: [SignalsController, HubSpotWebhooksController],
      providers: [
        ...PROCESSORS,
        { provide: SignalProcessorRegistry, inject: PROCESSORS, useFactory: (...processors) => new SignalProcessorRegistry(processors) },
        SignalsService,
        HubSpotDealsPoller,
        ...(config.runsWorkers ? [PendingSignalsProcessor, HubSpotDealsPollProcessor] : []),
      ],
      exports: [SignalsService],
    };
  }

  constructor(
    registry: ScheduledJobRegistry,
    config: AppConfig,
    @Inject(getQueueToken(QUEUES.signals)) retryQueue: Queue,
    @Inject(getQueueToken(QUEUES.hubspotDealsPoll)) hubspotQueue: Queue,
  ) {
    const logger = new Logger('Signals');
    for (const queue of [retryQueue, hubspotQueue]) {
      queue.on('error', (error) => logger.warn({ event: 'queue_error', queue: queue.name, error: error.message }));
    }
    registry.register({ id: SCHEDULED_JOBS.signalsRetry, everyMs: RETRY_EVERY_MS, queue: retryQueue });
    registry.register({ id: SCHEDULED_JOBS.hubspotDealsPoll, everyMs: config.POLL_EVERY_SECONDS * 1000, queue: hubspotQueue });
  }
}
