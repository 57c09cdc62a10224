import { SIGNAL_SOURCES, SignalSource } from '@caseyos/contracts';
import { CompleteRegistry } from '../../platform/registry/complete-registry';
import type { SignalProcessor } from './signal-processor';

/** One processor per source, checked when the app starts: a gap is a start-up failure, not a lost signal. */
export class SignalProcessorRegistry extends CompleteRegistry<SignalSource, SignalProcessor> {
  constructor(processors: SignalProcessor[]) {
    super(processors, SIGNAL_SOURCES, (processor) => processor.source, { item: 'signal processor', key: 'source' });
  }
}
