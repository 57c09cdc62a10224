import { Injectable } from '@nestjs/common';
import type { SignalView } from '@caseyos/contracts';
import { OutcomeRecorder } from '../outcome-recorder';
import { OutcomeTelemetry } from '../outcome-telemetry';
import type { DetectedOutcome } from './outcome-detector';
import { SignalDetectorRegistry } from './signal-detector.registry';

const BY = { actor: 'system:outcome-detection' };

/** Runs a signal through its source's detector and records what it finds (once per piece of evidence). */
@Injectable()
export class OutcomeDetection {
  constructor(
    private readonly detectors: SignalDetectorRegistry,
    private readonly recorder: OutcomeRecorder,
    private readonly telemetry: OutcomeTelemetry,
  ) {}

  /** How many outcomes were new. */
  async detectSignal(signal: SignalView): Promise<number> {
    const detector = this.detectors.for(signal.source);
    return this.recordAll(detector.name, await detector.detect(signal));
  }

  async recordAll(source: string, found: DetectedOutcome[]): Promise<number> {
    let created = 0;
    for (const outcome of found) {
      this.telemetry.detected(source, outcome.outcomeType, outcome.execution.id);
      const recorded = await this.recorder.record({
        itemId: outcome.execution.item_id,
        executionId: outcome.execution.id,
        outcomeType: outcome.outcomeType,
        contactEmail: outcome.execution.contact_email,
        detectedAt: outcome.detectedAt,
        source,
        evidence: outcome.evidence,
        by: BY,
      });
      if (recorded.created) created += 1;
    }
    return created;
  }
}
