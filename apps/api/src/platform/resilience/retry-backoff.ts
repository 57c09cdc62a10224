import { DelegateBackoff, ExponentialBackoff, type IBackoff, type IRetryBackoffContext } from 'cockatiel';

/**
 * The retry backoff every outbound call shares (executions' provider calls, the drafting
 * language model): exponential with decorrelated jitter from `initialDelayMs`, except that a
 * failure saying how long to wait (a 429's Retry-After) waits exactly that.
 */
export function retryAfterAwareBackoff(
  initialDelayMs: number,
  maxDelayMs: number,
  requestedWaitMs: (error: unknown) => number | undefined,
): DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown> | undefined> {
  const exponential = new ExponentialBackoff({ initialDelay: initialDelayMs, maxDelay: maxDelayMs });
  return new DelegateBackoff((context, previous) => {
    const error = 'error' in context.result ? context.result.error : undefined;
    const step = previous ? previous.next(context) : exponential.next();
    const requested = requestedWaitMs(error);
    if (requested !== undefined) return { delay: requested, state: previous };
    return { delay: step.duration, state: step };
  });
}
