import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { AccountActivitySocket } from '../accounts/account-activity.port';
import { AccountsModule } from '../accounts/accounts.module';
import { ConnectorsModule } from '../connectors/connectors.module';
import { AppConfig } from '../platform/config/app-config';
import { environmentOf } from '../platform/config/load-config';
import { OutcomeHistorySocket } from '../command-queue/outcome-history.port';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { ContentPublished } from './content-published';
import { ContentPublishedController } from './content-published.controller';
import { AttributionCandidates } from './detection/attribution-candidates';
import { DeadLettersController } from './detection/dead-letters.controller';
import { DealDetector } from './detection/deal.detector';
import { DetectOutcomesJob } from './detection/detect-outcomes.job';
import { DetectionCursor } from './detection/detection-cursor.entity';
import { DeadLettersAlert } from './detection/dead-letters.alert';
import { DetectionJobs } from './detection/detection-jobs';
import { DetectionUnits } from './detection/detection-units';
import { ExecutionFates } from './detection/execution-fates';
import { MeetingDetector } from './detection/meeting.detector';
import { FormSignalDetector, ManualSignalDetector } from './detection/no-outcome.detector';
import { OutcomeDetection } from './detection/outcome-detection';
import { OutcomeDetectionJob } from './detection/outcome-detection.job';
import type { SignalDetector } from './detection/outcome-detector';
import { OutcomeSweep } from './detection/outcome-sweep';
import { ReplyDetector } from './detection/reply.detector';
import { SignalDetectorRegistry } from './detection/signal-detector.registry';
import { StoredSignalDetection } from './detection/stored-signal-detection';
import { OutcomeEvent } from './entities/outcome-event.entity';
import { LearningRefresh } from './learning/learning-refresh';
import { OutcomeHistoryService } from './learning/outcome-history.service';
import { OutcomeAnalytics } from './outcome-analytics';
import { OutcomeRecorder } from './outcome-recorder';
import { OutcomeRecords } from './outcome-records';
import { OutcomeTelemetry } from './outcome-telemetry';
import { OutcomesController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';
import { OutcomeSettings, loadOutcomeSettings } from './outcome-settings';

const DETECTORS = [ReplyDetector, MeetingDetector, DealDetector, FormSignalDetector, ManualSignalDetector];

/**
 * What happened after moves (docs/OUTCOMES.md): the recorder every detector and the manual
 * endpoint write through, listings, stats and the funnel, and the history the command queue
 * learns from (learning/). Owns outcome_events; reads moves, executions and signals through
 * their modules' services.
 */
@Module({})
export class OutcomesModule {
  static forRoot(config: AppConfig, commandQueue: DynamicModule, execution: DynamicModule, signals: DynamicModule): DynamicModule {
    return {
      module: OutcomesModule,
      imports: [
        TypeOrmModule.forFeature([OutcomeEvent, DetectionCursor]),
        BullModule.registerQueue({ name: QUEUES.outcomesDetect }, { name: QUEUES.outcomeDetection }),
        ConnectorsModule,
        AccountsModule,
        commandQueue,
        execution,
        signals,
      ],
      controllers: [OutcomesController, DeadLettersController, ContentPublishedController],
      providers: [
        { provide: OutcomeSettings, useFactory: () => loadOutcomeSettings(environmentOf(config)) },
        OutcomeTelemetry,
        OutcomeRecords,
        OutcomeRecorder,
        OutcomeHistoryService,
        LearningRefresh,
        OutcomesService,
        ContentPublished,
        OutcomeAnalytics,
        AttributionCandidates,
        ...DETECTORS,
        { provide: SignalDetectorRegistry, inject: DETECTORS, useFactory: (...detectors: SignalDetector[]) => new SignalDetectorRegistry(detectors) },
        OutcomeDetection,
        ExecutionFates,
        DetectionJobs,
        DeadLettersAlert,
        DetectionUnits,
        OutcomeSweep,
        StoredSignalDetection,
        DetectOutcomesJob,
        OutcomeDetectionJob,
      ],
      exports: [OutcomeRecorder, OutcomesService],
    };
  }

  constructor(
    @Inject(getQueueToken(QUEUES.outcomesDetect)) detectQueue: Queue,
    @Inject(getQueueToken(QUEUES.outcomeDetection)) detectionQueue: Queue,
    queueHistory: OutcomeHistorySocket,
    accountActivity: AccountActivitySocket,
    history: OutcomeHistoryService,
  ) {
    // The registration hooks of the queue's and the accounts' ports: injecting this history into
    // them would be a provider cycle (it reads executions, and execution depends on both).
    queueHistory.plugIn(history);
    accountActivity.plugIn(history);
    logQueueErrors('Outcomes', [detectQueue, detectionQueue]);
  }
}
