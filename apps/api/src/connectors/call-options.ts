import type { IntegrationProvider } from '@caseyos/contracts';
import { ConnectorError, ConnectorTransientError } from './errors/connector-errors';

/** Per-call options of the port methods a caller that owns its own deadline and retries uses. */
export interface ConnectorCallOptions {
  /** Cancels the call, the HTTP request in flight included; it then rejects with `callerAborted`. */
  signal?: AbortSignal;
  /**
   * false: one attempt, the caller retries. Still honoured: the HubSpot rate budget (and its pause
   * after a 429) and the one refresh-and-retry after an expired token. Default true.
   */
  retries?: boolean;
}

/** The reason of the error a call rejects with when the caller's signal aborted it. */
export const CALLER_ABORT_REASON = 'AbortError';

/** Transient (the effect may or may not have happened), told apart from other failures by its reason. */
export function callerAborted(provider: IntegrationProvider): ConnectorTransientError {
  return new ConnectorTransientError(provider, 'aborted by the caller', { reason: CALLER_ABORT_REASON });
}

export function isCallerAbort(error: ConnectorError): boolean {
  return error.kind === 'transient' && error.reason === CALLER_ABORT_REASON;
}

/**
 * Rejects with `callerAborted` as soon as `signal` aborts, whatever `call` is still doing (waiting
 * for a rate-limit grant, a token refresh, a retry's backoff); `call` is left to settle on its own.
 */
export function untilAborted<T>(call: Promise<T>, provider: IntegrationProvider, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(callerAborted(provider));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
