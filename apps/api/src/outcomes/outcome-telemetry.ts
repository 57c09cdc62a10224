import { Injectable, Logger } from '@nestjs/common';
import type { OutcomeView } from '@caseyos/contracts';
import { Counter } from 'prom-client';
import { MetricsService } from '../platform/metrics/metrics.service';

/** Named log lines and a Prometheus counter for recorded outcomes; ids and types only, never a note. */
@Injectable()
export class OutcomeTelemetry {
  private readonly logger = new Logger('Outcomes');
  private readonly recordedTotal: Counter<string>;
  private readonly detectedTotal: Counter<string>;
  private readonly deadLetteredTotal: Counter<string>;

  constructor(metrics: MetricsService) {
    this.recordedTotal = metrics.counter('caseyos_outcome_recorded_total', 'Outcome events recorded (duplicates not counted)', ['outcome_type', 'source']);
    this.detectedTotal = metrics.counter('caseyos_outcome_detected_total', 'Outcomes detectors found (before deduplication)', ['outcome_type', 'detector']);
    this.deadLetteredTotal = metrics.counter('caseyos_outcome_dead_lettered_total', 'Detections that failed every try', ['unit']);
  }

  detected(detector: string, outcomeType: string, executionId: string): void {
    this.detectedTotal.inc({ outcome_type: outcomeType, detector });
    this.logger.log({ event: 'outcome_detected', detector, outcome_type: outcomeType, execution_id: executionId });
  }

  /** The error is the detector's message (ids and provider reasons, never message text). */
  deadLettered(unit: string, subjectId: string, error: string): void {
    this.deadLetteredTotal.inc({ unit });
    this.logger.error({ event: 'outcome_dead_lettered', unit, subject_id: subjectId, error });
  }

  recorded(outcome: OutcomeView): void {
    this.recordedTotal.inc({ outcome_type: outcome.outcome_type, source: outcome.source });
    this.logger.log({ event: 'outcome_recorded', ...this.fields(outcome) });
  }

  /** Detectors see the same evidence on every run: a debug line, not a count. */
  deduplicated(outcome: OutcomeView): void {
    this.logger.debug({ event: 'outcome_deduplicated', ...this.fields(outcome) });
  }

  private fields(outcome: OutcomeView) {
    return { outcome_id: outcome.id, outcome_type: outcome.outcome_type, source: outcome.source, item_id: outcome.item_id, execution_id: outcome.execution_id };
  }
}
