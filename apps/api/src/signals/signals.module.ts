import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AppConfig } from '../platform/config/app-config';
import { ScheduledJobRegistry } from '../platform/queues/scheduled-job.registry';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { ConnectorsModule } from '../connectors/connectors.module';
import { CalendarEventSnapshot } from './entities/calendar-event-snapshot.entity';
import { HubSpotDealSnapshot } from './entities/hubspot-deal-snapshot.entity';
import { Signal } from './entities/signal.entity';
import { REPLY_CLASSIFIER, keywordReplyClassifier } from './gmail/reply-classifier';
import { CalendarPollProcessor } from './pollers/calendar-poll.processor';
import { CalendarPoller } from './pollers/calendar.poller';
import { GmailRepliesPollProcessor } from './pollers/gmail-replies-poll.processor';
import { GmailRepliesPoller } from './pollers/gmail-replies.poller';
import { HubSpotDealsPollProcessor } from './pollers/hubspot-deals-poll.processor';
import { HubSpotDealsPoller } from './pollers/hubspot-deals.poller';
import { PendingSignalsProcessor } from './pending-signals.processor';
import { CalendarSignalProcessor } from './processors/calendar.processor';
import { FormSignalProcessor } from './processors/form.processor';
import { GmailRepliesProcessor } from './processors/gmail-replies.processor';
import { HubSpotDealsProcessor } from './processors/hubspot-deals.processor';
import { ManualSignalProcessor } from './processors/manual.processor';
import type { SignalProcessor } from './processors/signal-processor';
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
        TypeOrmModule.forFeature([Signal, HubSpotDealSnapshot, CalendarEventSnapshot]),
        BullModule.registerQueue({ name: QUEUES.signals }, { name: QUEUES.hubspotDealsPoll }, { name: QUEUES.gmailRepliesPoll }, { name: QUEUES.calendarPoll }),
        ConnectorsModule,
        commandQueue,
      ],
      controllers: [SignalsController, HubSpotWebhooksController],
      providers: [
        ...PROCESSORS,
        { provide: SignalProcessorRegistry, inject: PROCESSORS, useFactory: (...processors: SignalProcessor[]) => new SignalProcessorRegistry(processors) },
        SignalsService,
        HubSpotDealsPoller,
        GmailRepliesPoller,
        CalendarPoller,
        // Keyword rules today; a language model can take over behind the same token.
        { provide: REPLY_CLASSIFIER, useValue: keywordReplyClassifier },
        ...(config.runsWorkers ? [PendingSignalsProcessor, HubSpotDealsPollProcessor, GmailRepliesPollProcessor, CalendarPollProcessor] : []),
      ],
      exports: [SignalsService],
    };
  }

  constructor(
    registry: ScheduledJobRegistry,
    config: AppConfig,
    @Inject(getQueueToken(QUEUES.signals)) retryQueue: Queue,
    @Inject(getQueueToken(QUEUES.hubspotDealsPoll)) hubspotQueue: Queue,
    @Inject(getQueueToken(QUEUES.gmailRepliesPoll)) gmailQueue: Queue,
    @Inject(getQueueToken(QUEUES.calendarPoll)) calendarQueue: Queue,
  ) {
    logQueueErrors('Signals', [retryQueue, hubspotQueue, gmailQueue, calendarQueue]);
    registry.register({ id: SCHEDULED_JOBS.signalsRetry, everyMs: RETRY_EVERY_MS, queue: retryQueue });
    registry.register({ id: SCHEDULED_JOBS.hubspotDealsPoll, everyMs: config.POLL_EVERY_SECONDS * 1000, queue: hubspotQueue });
    registry.register({ id: SCHEDULED_JOBS.gmailRepliesPoll, everyMs: config.POLL_EVERY_SECONDS * 1000, queue: gmailQueue });
    registry.register({ id: SCHEDULED_JOBS.calendarPoll, everyMs: config.POLL_EVERY_SECONDS * 1000, queue: calendarQueue });
  }
}
