import type { SignalSource } from '@caseyos/contracts';
import type { Signal } from '../entities/signal.entity';
import type { SignalFacts } from '../rules/signal-rules';

/** Reads one source's payloads: what the rules and the move need to know. */
export interface SignalProcessor {
  readonly source: SignalSource;
  facts(signal: Signal): Omit<SignalFacts, 'isCustomer'>;
}

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
export const amount = (value: unknown): number | null => {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
};
