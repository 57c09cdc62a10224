import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { ConnectorsModule } from '../connectors/connectors.module';
import { AppConfig } from '../platform/config/app-config';
import { environmentOf } from '../platform/config/load-config';
import { OutcomeHistorySocket } from '../command-queue/outcome-history.port';
import { ScheduledJobRegistry } from '../platform/queues/scheduled-job.registry';
import { logQueueErrors } from '../platform/queues/queue-errors';
import { AttributionCandidates } from './detection/attribution-candidates';
import { DeadLettersController } from './detection/dead-letters.controller';
import { DealDetector } from './detection/deal.detector';
import { DetectOutcomesProcessor } from './detection/detect-outcomes.processor';
import { DetectionCursor } from './detection/detection-cursor.entity';
import { DetectionJobs } from './detection/detection-jobs';
import { DetectionUnits } from './detection/detection-units';
import { ExecutionFates } from './detection/execution-fates';
import { MeetingDetector } from './detection/meeting.detector';
import { FormSignalDetector, ManualSignalDetector } from './detection/no-outcome.detector';
import { OutcomeDetection } from './detection/outcome-detection';
import { OutcomeDetectionProcessor } from './detection/outcome-detection.processor';
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
        commandQueue,
        execution,
        signals,
      ],
      controllers: [OutcomesController, DeadLettersController],
      providers: [
        { provide: OutcomeSettings, useFactory: () => loadOutcomeSettings(environmentOf(config)) },
        OutcomeTelemetry,
        OutcomeRecords,
        OutcomeRecorder,
        OutcomeHistoryService,
        LearningRefresh,
        OutcomesService,
        OutcomeAnalytics,
        AttributionCandidates,
        ...DETECTORS,
        { provide: SignalDetectorRegistry, inject: DETECTORS, useFactory: (...detectors: SignalDetector[]) => new SignalDetectorRegistry(detectors) },
        OutcomeDetection,
        ExecutionFates,
        DetectionJobs,
        DetectionUnits,
        OutcomeSweep,
        StoredSignalDetection,
        ...(config.runsWorkers ? [DetectOutcomesProcessor, OutcomeDetectionProcessor] : []),
      ],
      exports: [OutcomeRecorder],
    };
  }

  constructor(
    registry: ScheduledJobRegistry,
    settings: OutcomeSettings,
    @Inject(getQueueToken(QUEUES.outcomesDetect)) detectQueue: Queue,
    @Inject(getQueueToken(QUEUES.outcomeDetection)) detectionQueue: Queue,
    socket: OutcomeHistorySocket,
    history: OutcomeHistoryService,
  ) {
    // The registration hook of the queue's OUTCOME_HISTORY port: injecting this history into the
    // queue would be a provider cycle (it reads executions, and execution depends on the queue).
    socket.plugIn(history);
    logQueueErrors('Outcomes', [detectQueue, detectionQueue]);
    registry.register({ id: SCHEDULED_JOBS.detectOutcomes, everyMs: settings.OUTCOME_DETECT_EVERY_SECONDS * 1000, queue: detectQueue });
  }
}
