import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AccountsModule } from '../accounts/accounts.module';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { ConnectorsModule } from '../connectors/connectors.module';
import { CalendarEventSnapshot } from './entities/calendar-event-snapshot.entity';
import { HubSpotDealSnapshot } from './entities/hubspot-deal-snapshot.entity';
import { Signal } from './entities/signal.entity';
import { REPLY_CLASSIFIER, keywordReplyClassifier } from './gmail/reply-classifier';
import { CalendarPollJob } from './pollers/calendar-poll.job';
import { CalendarPoller } from './pollers/calendar.poller';
import { GmailRepliesPollJob } from './pollers/gmail-replies-poll.job';
import { GmailRepliesPoller } from './pollers/gmail-replies.poller';
import { HubSpotDealsPollJob } from './pollers/hubspot-deals-poll.job';
import { HubSpotDealsPoller } from './pollers/hubspot-deals.poller';
import { PendingSignalsJob } from './pending-signals.job';
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

@Module({})
export class SignalsModule {
  static forRoot(commandQueue: DynamicModule): DynamicModule {
    return {
      module: SignalsModule,
      imports: [
        TypeOrmModule.forFeature([Signal, HubSpotDealSnapshot, CalendarEventSnapshot]),
        BullModule.registerQueue({ name: QUEUES.signals }, { name: QUEUES.hubspotDealsPoll }, { name: QUEUES.gmailRepliesPoll }, { name: QUEUES.calendarPoll }),
        ConnectorsModule,
        AccountsModule,
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
        PendingSignalsJob,
        HubSpotDealsPollJob,
        GmailRepliesPollJob,
        CalendarPollJob,
      ],
      exports: [SignalsService],
    };
  }

  constructor(
    @Inject(getQueueToken(QUEUES.signals)) retryQueue: Queue,
    @Inject(getQueueToken(QUEUES.hubspotDealsPoll)) hubspotQueue: Queue,
    @Inject(getQueueToken(QUEUES.gmailRepliesPoll)) gmailQueue: Queue,
    @Inject(getQueueToken(QUEUES.calendarPoll)) calendarQueue: Queue,
  ) {
    logQueueErrors('Signals', [retryQueue, hubspotQueue, gmailQueue, calendarQueue]);
  }
}
