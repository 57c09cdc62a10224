import type { IntegrationProvider } from '@caseyos/contracts';
import { callerAborted } from '../call-options';
import { classifyConnectorError } from './classify-connector-error';
import { ConnectorError, ConnectorRateLimitError } from './connector-errors';

export interface RetryPolicy {
  maxRetries: number;
  /** Total wait across retries; a retry that would pass it is not attempted. */
  maxTotalWaitMs: number;
  baseDelayMs: number;
}

export interface RetryOptions extends RetryPolicy {
  provider: IntegrationProvider;
  /** Repeating the call cannot duplicate an effect, so transient failures may be retried. */
  idempotent: boolean;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: ConnectorError, waitMs: number, attempt: number) => void;
  /** Once aborted, no further attempt starts and the call fails with `callerAborted`. */
  signal?: AbortSignal;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a call, retrying what is worth retrying within a bounded budget: rate limits after the
 * wait the provider asked for (a 429 was never processed, so even writes are safe), transient
 * failures of idempotent calls with exponential backoff. Everything else, and whatever is left
 * when the budget runs out, is thrown classified.
 */
export async function withRetries<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    // Checked here too: gaxios silently drops a signal that is already aborted.
    if (options.signal?.aborted) throw callerAborted(options.provider);
    try {
      return await run();
    } catch (raw) {
      if (options.signal?.aborted) throw callerAborted(options.provider);
      const error = classifyConnectorError(options.provider, raw);
      const wait = retryDelay(error, attempt, options);
      if (wait === null || attempt > options.maxRetries || waited + wait > options.maxTotalWaitMs) throw error;
      options.onRetry?.(error, wait, attempt);
      await sleep(wait);
      waited += wait;
    }
  }
}

/** Milliseconds to wait before attempt `attempt + 1`, or null when retrying cannot help. */
export function retryDelay(error: ConnectorError, attempt: number, options: { idempotent: boolean; baseDelayMs: number }): number | null {
  if (error instanceof ConnectorRateLimitError) return error.daily ? null : error.retryAfterMs;
  if (error.kind === 'transient' && options.idempotent) return options.baseDelayMs * 2 ** (attempt - 1);
  return null;
}
