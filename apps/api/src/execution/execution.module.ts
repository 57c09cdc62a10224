import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AccountsModule } from '../accounts/accounts.module';
import { CommandQueueService } from '../command-queue/command-queue.service';
import { ConnectorsModule } from '../connectors/connectors.module';
import { DraftPreviewSocket } from '../drafting/draft-preview.port';
import { DraftingModule } from '../drafting/drafting.module';
import { AppConfig } from '../platform/config/app-config';
import { environmentOf } from '../platform/config/load-config';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { DraftAsset } from './assets/draft-asset.entity';
import { DraftAssetsController } from './assets/draft-assets.controller';
import { DraftAssetsService } from './assets/draft-assets.service';
import { ContactExecutions } from './contact-executions';
import { EmergencyStop } from './entities/emergency-stop.entity';
import { Execution } from './entities/execution.entity';
import { ExecutionRecords } from './execution-records';
import { ExecutionRollback } from './execution-rollback';
import { ExecutionRunner } from './execution-runner';
import { ExecutionSettings, loadExecutionSettings } from './execution-settings';
import { ExecutionSweep } from './execution-sweep';
import { ExecutionSweepJob } from './execution-sweep.job';
import { BreakerOpenAlert } from './alerts/breaker-open.alert';
import { ExecutionFailureRateAlert } from './alerts/execution-failure-rate.alert';
import { ExecutionTelemetry } from './execution-telemetry';
import { ExecutionController } from './execution.controller';
import { ExecutionService } from './execution.service';
import { EmergencyStopService } from './guardrails/emergency-stop.service';
import { ExecutionLimits } from './guardrails/execution-limits';
import { GuardrailsController } from './guardrails/guardrails.controller';
import { HandlerResilience } from './guardrails/handler-resilience';
import { AssetCreateHandler } from './handlers/asset-create.handler';
import { BookMeetingHandler } from './handlers/book-meeting.handler';
import { ContentRepurposeHandler } from './handlers/content-repurpose.handler';
import { CreateTaskHandler } from './handlers/create-task.handler';
import { CsHealthCheckHandler } from './handlers/cs-health-check.handler';
import { DraftContextFactory } from './handlers/draft-context.factory';
import { CalendarEventEffect } from './handlers/effects/calendar-event.effect';
import { DraftAssetEffect } from './handlers/effects/draft-asset.effect';
import { GmailDraftEffect } from './handlers/effects/gmail-draft.effect';
import { HubSpotTaskEffect } from './handlers/effects/hubspot-task.effect';
import { ObjectRemover } from './handlers/effects/object-remover';
import type { ExecutionHandler } from './handlers/execution-handler';
import { ExecutionHandlerRegistry } from './handlers/handler.registry';
import { NewsletterDraftHandler } from './handlers/newsletter-draft.handler';
import { OnboardingFollowUpHandler } from './handlers/onboarding-follow-up.handler';
import { RenewalOutreachHandler } from './handlers/renewal-outreach.handler';
import { RiskEscalationHandler } from './handlers/risk-escalation.handler';
import { SendEmailHandler } from './handlers/send-email.handler';
import { SocialPostHandler } from './handlers/social-post.handler';
import { IdempotentResponseCache } from './idempotency/idempotency';
import { QueuedExecutionJob } from './queued-execution.job';

const HANDLERS = [
  SendEmailHandler,
  CreateTaskHandler,
  BookMeetingHandler,
  ContentRepurposeHandler,
  SocialPostHandler,
  NewsletterDraftHandler,
  AssetCreateHandler,
  CsHealthCheckHandler,
  RenewalOutreachHandler,
  RiskEscalationHandler,
  OnboardingFollowUpHandler,
];

/** Carries out moves under guardrails (docs/EXECUTION.md). Uses the command queue and the connectors; owns executions, the emergency stop and draft assets. */
@Module({})
export class ExecutionModule {
  static forRoot(config: AppConfig, commandQueue: DynamicModule): DynamicModule {
    return {
      module: ExecutionModule,
      imports: [
        TypeOrmModule.forFeature([Execution, EmergencyStop, DraftAsset]),
        BullModule.registerQueue({ name: QUEUES.executionSweep }, { name: QUEUES.executionQueued }),
        ConnectorsModule,
        AccountsModule,
        DraftingModule,
        commandQueue,
      ],
      controllers: [ExecutionController, GuardrailsController, DraftAssetsController],
      providers: [
        { provide: ExecutionSettings, useFactory: () => loadExecutionSettings(environmentOf(config)) },
        ...HANDLERS,
        { provide: ExecutionHandlerRegistry, inject: HANDLERS, useFactory: (...handlers: ExecutionHandler[]) => new ExecutionHandlerRegistry(handlers) },
        DraftContextFactory,
        GmailDraftEffect,
        HubSpotTaskEffect,
        CalendarEventEffect,
        DraftAssetEffect,
        ObjectRemover,
        DraftAssetsService,
        HandlerResilience,
        BreakerOpenAlert,
        ExecutionFailureRateAlert,
        ExecutionLimits,
        EmergencyStopService,
        IdempotentResponseCache,
        ExecutionTelemetry,
        ExecutionRecords,
        ExecutionRunner,
        ExecutionService,
        ExecutionRollback,
        ContactExecutions,
        ExecutionSweep,
        ExecutionSweepJob,
        QueuedExecutionJob,
      ],
      // Outcomes marks an asset published when it records content_published.
      exports: [ExecutionService, DraftAssetsService],
    };
  }

  constructor(
    @Inject(getQueueToken(QUEUES.executionSweep)) sweepQueue: Queue,
    @Inject(getQueueToken(QUEUES.executionQueued)) queuedQueue: Queue,
    previews: DraftPreviewSocket,
    contexts: DraftContextFactory,
    moves: CommandQueueService,
  ) {
    logQueueErrors('Execution', [sweepQueue, queuedQueue]);
    // A voice-profile preview drafts a move from what its execution would draft from.
    previews.plugIn({
      inputFor: async (moveId) => contexts.forPreview(await moves.get(moveId)),
      sender: () => contexts.sender('optional'),
    });
  }
}
