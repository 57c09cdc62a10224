import { Injectable } from '@nestjs/common';
import { ACTION_TYPES, ActionType, BreakerState } from '@caseyos/contracts';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { ConnectorError, ConnectorRateLimitError } from '../../connectors/errors/connector-errors';
import { retryAfterAwareBackoff } from '../../platform/resilience/retry-backoff';
import { ExecutionSettings } from '../execution-settings';

export interface AttemptContext {
  signal: AbortSignal;
  /** 1 for the first try. */
  attempt: number;
}

/** The execution's deadline passed; the provider call was aborted. */
export class ExecutionTimedOutError extends Error {
  constructor(readonly seconds: number) {
    super(`no result within ${seconds} s; the provider call was cancelled`);
  }
}

/** The action type's breaker is open: failing fast instead of calling a provider that keeps failing. */
export class BreakerOpenError extends Error {
  constructor(
    readonly actionType: ActionType,
    readonly retryAfterMs: number,
  ) {
    super(`${actionType} failed repeatedly; its circuit breaker is open until a trial is let through`);
  }
}

/** Worth another try: a rate limit that resets within the day, a 5xx, a network failure. */
export function isTransient(error: unknown): error is ConnectorError {
  if (!(error instanceof ConnectorError)) return false;
  if (error instanceof ConnectorRateLimitError) return !error.daily;
  return error.kind === 'transient';
}

/** A provider in trouble (not a bad request of one move) counts towards opening the breaker. */
function countsAgainstBreaker(error: unknown): boolean {
  return error instanceof TaskCancelledError || (error instanceof ConnectorError && (error.kind === 'transient' || error.kind === 'rate_limit'));
}

export type BreakerListener = (actionType: ActionType, open: boolean) => void;

interface Breaker {
  policy: ReturnType<typeof circuitBreaker>;
  consecutiveFailures: number;
  openedAt: number | null;
}

/**
 * Timeout, retry and circuit breaker around each handler's provider calls (cockatiel): per
 * execution one deadline (cancelling the call through its AbortSignal), inside it up to
 * EXECUTION_MAX_RETRIES retries of transient failures with exponential backoff and jitter (a 429
 * waits what Retry-After asks), and per action type a breaker that opens after
 * EXECUTION_BREAKER_FAILURES failed executions in a row. Breakers are per process.
 */
@Injectable()
export class HandlerResilience {
  private readonly breakers = new Map<ActionType, Breaker>();
  private readonly breakerListeners: BreakerListener[] = [];

  constructor(private readonly settings: ExecutionSettings) {
    for (const actionType of ACTION_TYPES) this.breakers.set(actionType, this.newBreaker(actionType));
  }

  /** Told when an action type's breaker opens and when it closes again (the breaker-open alert). */
  onBreakerChange(listener: BreakerListener): void {
    this.breakerListeners.push(listener);
  }

  /** Runs `attempt` under the action type's policies. Throws ExecutionTimedOutError, BreakerOpenError or the last failure. */
  async run<T>(actionType: ActionType, attempt: (context: AttemptContext) => Promise<T>, onRetry?: (error: unknown) => void): Promise<T> {
    const breaker = this.breakers.get(actionType)!;
    const retries = retry(handleWhen(isTransient), { maxAttempts: this.settings.EXECUTION_MAX_RETRIES, backoff: this.backoff() });
    const subscription = onRetry ? retries.onRetry((reason) => onRetry('error' in reason ? reason.error : reason.value)) : undefined;
    const deadline = timeout(this.settings.EXECUTION_TIMEOUT_SECONDS * 1000, TimeoutStrategy.Aggressive);
    try {
      return await wrap(breaker.policy, deadline, retries).execute(({ signal, attempt: retried }) => attempt({ signal, attempt: (retried ?? 0) + 1 }));
    } catch (error) {
      if (error instanceof TaskCancelledError) throw new ExecutionTimedOutError(this.settings.EXECUTION_TIMEOUT_SECONDS);
      if (error instanceof BrokenCircuitError) throw new BreakerOpenError(actionType, this.retryAfterMs(breaker));
      throw error;
    } finally {
      subscription?.dispose();
    }
  }

  state(actionType: ActionType): BreakerState {
    const breaker = this.breakers.get(actionType)!;
    const state = breaker.policy.state;
    const open = state === CircuitState.Open || state === CircuitState.Isolated;
    return {
      action_type: actionType,
      state: open ? 'open' : state === CircuitState.HalfOpen ? 'half_open' : 'closed',
      consecutive_failures: breaker.consecutiveFailures,
      retry_at: open && breaker.openedAt !== null ? new Date(breaker.openedAt + this.openMs).toISOString() : null,
    };
  }

  /** Milliseconds until an open breaker lets a trial through; 0 when it is not open. */
  retryAfterMs(breaker: Breaker | ActionType): number {
    const entry = typeof breaker === 'string' ? this.breakers.get(breaker)! : breaker;
    const open = entry.policy.state === CircuitState.Open || entry.policy.state === CircuitState.Isolated;
    return open && entry.openedAt !== null ? Math.max(0, entry.openedAt + this.openMs - Date.now()) : 0;
  }

  private get openMs(): number {
    return this.settings.EXECUTION_BREAKER_OPEN_SECONDS * 1000;
  }

  private newBreaker(actionType: ActionType): Breaker {
    const policy = circuitBreaker(handleWhen(countsAgainstBreaker), {
      halfOpenAfter: this.openMs,
      breaker: new ConsecutiveBreaker(this.settings.EXECUTION_BREAKER_FAILURES),
    });
    const entry: Breaker = { policy, consecutiveFailures: 0, openedAt: null };
    policy.onFailure(({ reason }) => {
      if (countsAgainstBreaker('error' in reason ? reason.error : undefined)) entry.consecutiveFailures += 1;
    });
    policy.onSuccess(() => (entry.consecutiveFailures = 0));
    policy.onBreak(() => {
      entry.openedAt = Date.now();
      for (const listener of this.breakerListeners) listener(actionType, true);
    });
    policy.onReset(() => {
      entry.openedAt = null;
      for (const listener of this.breakerListeners) listener(actionType, false);
    });
    return entry;
  }

  /** Exponential with decorrelated jitter; a rate limit waits exactly what the provider asked. */
  private backoff() {
    return retryAfterAwareBackoff(this.settings.EXECUTION_RETRY_BASE_MS, this.settings.EXECUTION_TIMEOUT_SECONDS * 1000, (error) =>
      error instanceof ConnectorRateLimitError ? error.retryAfterMs : undefined,
    );
  }
}
