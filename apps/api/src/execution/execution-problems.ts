import type { ExecutionStatus, ProblemDetails } from '@caseyos/contracts';
import { ConnectorAuthError, ConnectorError } from '../connectors/errors/connector-errors';
import { problemBody } from '../platform/http/problem-details';
import { ProblemException } from '../platform/http/problem-details.filter';
import { BreakerOpenError, ExecutionTimedOutError } from './guardrails/handler-resilience';

/** The object left the provider's undo reach (a draft the user already sent): the execution stands. */
export class IrreversibleError extends Error {}

/** A plan that cannot be filled (e.g. a template would leave a placeholder): the move needs editing. */
export class PlanError extends Error {}

export interface Failure {
  status: ExecutionStatus;
  problem: ProblemDetails;
  headers: Record<string, string>;
}

/** How an execution that was claimed ended badly, as recorded and answered. */
export function failureOf(error: unknown, context: { instance: string; requestId: string | null }): Failure {
  const extra = { instance: context.instance, ...(context.requestId ? { request_id: context.requestId } : {}) };
  if (error instanceof ExecutionTimedOutError) {
    return { status: 'timed_out', problem: problemBody(504, 'execution-timed-out', error.message, extra), headers: {} };
  }
  if (error instanceof BreakerOpenError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return {
      status: 'failed',
      problem: problemBody(503, 'circuit-open', error.message, { ...extra, guardrail: 'circuit_breaker' }),
      headers: { 'retry-after': String(seconds) },
    };
  }
  if (error instanceof ConnectorError) {
    const provider = { ...extra, provider_status: error.status, provider_reason: error.reason };
    if (error.retryable) return { status: 'failed', problem: problemBody(502, 'provider-unavailable', error.message, provider), headers: {} };
    const slug = error instanceof ConnectorAuthError ? 'provider-auth' : 'provider-refused';
    return { status: 'failed', problem: problemBody(502, slug, error.message, provider), headers: {} };
  }
  if (error instanceof PlanError) return { status: 'failed', problem: problemBody(422, 'plan-failed', error.message, extra), headers: {} };
  return {
    status: 'failed',
    problem: problemBody(502, 'execution-error', 'The execution failed unexpectedly; the request id helps find why.', extra),
    headers: {},
  };
}

/** A plan that cannot be made is refused before anything is claimed or recorded. */
export function planRefusal(error: unknown): ProblemException {
  if (error instanceof ProblemException) return error;
  if (error instanceof ConnectorAuthError) {
    return new ProblemException(409, 'integration-not-connected', `${error.message}. Connect it on the Integrations page, then try again.`);
  }
  if (error instanceof ConnectorError) {
    return new ProblemException(502, error.retryable ? 'provider-unavailable' : 'provider-refused', `Planning needs ${error.provider}: ${error.message}`, {
      provider_status: error.status,
      provider_reason: error.reason,
    });
  }
  if (error instanceof PlanError) return new ProblemException(422, 'plan-failed', error.message);
  throw error;
}
