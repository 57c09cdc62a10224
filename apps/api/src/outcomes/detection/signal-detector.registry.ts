import { SIGNAL_SOURCES, SignalSource } from '@caseyos/contracts';
import { CompleteRegistry } from '../../platform/registry/complete-registry';
import type { SignalDetector } from './outcome-detector';

/** One detector per signal source, checked at start-up. */
export class SignalDetectorRegistry extends CompleteRegistry<SignalSource, SignalDetector> {
  constructor(detectors: SignalDetector[]) {
    super(detectors, SIGNAL_SOURCES, (detector) => detector.source, { item: 'outcome detector', key: 'signal source' });
  }
}
