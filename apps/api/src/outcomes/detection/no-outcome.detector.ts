import { Injectable } from '@nestjs/common';
import type { SignalSource } from '@caseyos/contracts';
import type { DetectedOutcome, SignalDetector } from './outcome-detector';

/**
 * Forms and hand-written notes are new demand, not what became of an execution (an outcome the
 * operator knows of is recorded with POST /api/outcomes/record). Registered so that every
 * source is accounted for.
 */
abstract class NoOutcomeDetector implements SignalDetector {
  abstract readonly source: SignalSource;
  readonly name = 'no-outcome';

  async detect(): Promise<DetectedOutcome[]> {
    return [];
  }
}

@Injectable()
export class FormSignalDetector extends NoOutcomeDetector {
  readonly source = 'form' as const;
}

@Injectable()
export class ManualSignalDetector extends NoOutcomeDetector {
  readonly source = 'manual' as const;
}
