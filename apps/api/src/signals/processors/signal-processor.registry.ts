import { SIGNAL_SOURCES, SignalSource } from '@caseyos/contracts';
import type { SignalProcessor } from './signal-processor';

/** One processor per source, checked when the app starts: a gap is a start-up failure, not a lost signal. */
export class SignalProcessorRegistry {
  private readonly bySource = new Map<SignalSource, SignalProcessor>();

  constructor(processors: SignalProcessor[]) {
    for (const processor of processors) {
      if (this.bySource.has(processor.source)) throw new Error(`Two signal processors for source "${processor.source}"`);
      this.bySource.set(processor.source, processor);
    }
    const missing = SIGNAL_SOURCES.filter((source) => !this.bySource.has(source));
    if (missing.length > 0) throw new Error(`No signal processor for source(s): ${missing.join(', ')}`);
  }

  for(source: SignalSource): SignalProcessor {
    return this.bySource.get(source)!;
  }
}
