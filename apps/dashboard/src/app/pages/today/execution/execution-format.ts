import { HttpErrorResponse } from '@angular/common/http';
import {
  ActionType,
  DASHBOARD_BASE_PATH,
  ExecutionStatus,
  ExternalObject,
  GUARDRAILS,
  GuardrailName,
  OutboundTarget,
  ProblemDetails,
} from '@caseyos/contracts';

/** What the execute dialog needs of a move: a Today move, or the move behind a failed execution. */
export interface ExecuteTarget {
  id: string;
  title: string;
  action_type: ActionType;
  contact_email: string | null;
  /** A Today move's parameters (a repurposed piece's source); absent for a retry from the history. */
  action_params?: Record<string, unknown>;
}

export const EXECUTION_STATUS_LABELS: Record<ExecutionStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  timed_out: 'Timed out',
  rolled_back: 'Rolled back',
  rollback_failed: 'Rollback failed',
};

export const GUARDRAIL_LABELS: Record<GuardrailName, string> = {
  kill_switch: 'Emergency stop',
  idempotency: 'Runs once',
  circuit_breaker: 'Circuit breaker',
  rate_limit: 'Hourly limit',
  contact_cap: 'Contact cap',
};

export const TARGET_LABELS: Record<OutboundTarget, string> = {
  gmail: 'Gmail',
  hubspot: 'HubSpot',
  calendar: 'Google Calendar',
  caseyos: 'CaseyOS',
};

export const OBJECT_LABELS: Record<ExternalObject['kind'], { open: string; name: string }> = {
  gmail_draft: { open: 'Open the draft in Gmail', name: 'Gmail draft' },
  hubspot_task: { open: 'Open the task in HubSpot', name: 'HubSpot task' },
  calendar_event: { open: 'Open the event in Calendar', name: 'Calendar event' },
  asset: { open: 'Open the asset in CaseyOS', name: 'Draft asset' },
};

/** A link into this dashboard (an asset's page) as a router path; null for any other site. */
export function inAppPath(url: string): string | null {
  const prefix = `${DASHBOARD_BASE_PATH}/`;
  return url.startsWith(prefix) ? url.slice(prefix.length - 1) : null;
}

/**
 * A fresh idempotency key. randomUUID exists only in secure contexts; a self-hosted dashboard may
 * be served over plain http on a LAN, where getRandomValues still works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Why an execute did not go through, as the dialog shows it. */
export interface ExecuteFailure {
  /** 0 when no answer came back. */
  status: number;
  title: string;
  detail: string;
  guardrail: GuardrailName | null;
  retryAfterSeconds: number | null;
  providerReason: string | null;
  providerStatus: number | null;
  /**
   * The API recorded a failed execution under the key (or bound the key to another request): the
   * same key would only replay that answer, so a retry needs a new one.
   */
  needsNewKey: boolean;
  requestId: string | null;
}

const TITLES: Partial<Record<number, string>> = {
  409: 'Not executed',
  423: 'Emergency stop is on',
  429: 'Limit reached',
  502: 'The provider refused',
  503: 'Circuit breaker open',
  504: 'No answer in time',
};

function problemOf(body: unknown): Partial<ProblemDetails> {
  return typeof body === 'object' && body !== null ? body : {};
}

export function executeFailure(err: unknown): ExecuteFailure {
  const base = { guardrail: null, retryAfterSeconds: null, providerReason: null, providerStatus: null, needsNewKey: false, requestId: null };
  if (!(err instanceof HttpErrorResponse)) {
    return { ...base, status: -1, title: 'Something went wrong', detail: 'Something unexpected went wrong.' };
  }
  if (err.status === 0) {
    return {
      ...base,
      status: 0,
      title: 'Cannot reach the CaseyOS API',
      detail: 'No answer came back, so it may or may not have run. Retry sends the same request again: it still runs at most once.',
    };
  }
  const problem = problemOf(err.error);
  const retryAfter = Number(err.headers.get('retry-after'));
  return {
    status: err.status,
    title: TITLES[err.status] ?? problem.title ?? `The API answered ${err.status}`,
    detail: problem.detail ?? problem.title ?? err.statusText,
    guardrail: GUARDRAILS.find((name) => name === problem.guardrail) ?? null,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    providerReason: problem.provider_reason ?? null,
    providerStatus: problem.provider_status ?? null,
    needsNewKey: problem.execution !== undefined || err.status === 422,
    requestId: problem.request_id ?? null,
  };
}

/** "42 s", "3 min", "2 h": how long until a limit or breaker lets the next one through. */
export function waitLabel(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
