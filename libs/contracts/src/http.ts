import type { ExecutionView } from './execution';
import type { ExternalRemoval } from './privacy';

/** Header and path names shared by the API and the dashboard. */
export const API_VERSION = 'v1';
export const HEADERS = {
  requestId: 'x-request-id',
  apiVersion: 'x-api-version',
  adminToken: 'x-admin-token',
  csrfToken: 'x-csrf-token',
  idempotencyKey: 'x-idempotency-key',
  // IETF draft-ietf-httpapi-idempotency-key-header name, accepted too.
  ietfIdempotencyKey: 'idempotency-key',
  idempotentReplayed: 'idempotent-replayed',
  executionId: 'x-execution-id',
} as const;
export const SESSION_COOKIE = 'caseyos_session';
export const DASHBOARD_BASE_PATH = '/caseyos';
/** Swagger UI; the OpenAPI document is at `${API_DOCS_PATH}-json`. */
export const API_DOCS_PATH = '/api/docs';
/** The dashboard's sign-in page; `?returnUrl=` says where to go once signed in. */
export const SIGN_IN_PATH = `${DASHBOARD_BASE_PATH}/sign-in`;

/**
 * Whether a sign-in's return URL is one of the API docs' pages (Swagger UI, the OpenAPI JSON
 * or YAML), which the dashboard leaves for with a page load. It must start with the docs' own
 * path, so it stays on this origin: a crafted link cannot send the operator to another site.
 */
export function isApiDocsUrl(url: string): boolean {
  return /^\/api\/docs(?:-json|-yaml)?(?:[/?#]|$)/.test(url);
}

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  /** Field-level validation failures, when the problem is invalid input. */
  errors?: { field: string; messages: string[] }[];
  /** With a 409 from the queue: the status the item is in now. */
  current_status?: string;
  /** With a refused execute: the guardrail that refused it. */
  guardrail?: string;
  /** With a failed execute: the execution as recorded. */
  execution?: ExecutionView;
  /** The provider's own word for a failure (HubSpot category, Google reason) and its HTTP status. */
  provider_reason?: string;
  provider_status?: number;
  /** With a failed connection: the step of the OAuth code exchange that failed. */
  oauth_step?: 'token_exchange' | 'token_introspection' | 'profile_read';
  /** With a 502 from a contact's erasure: what the providers removed, left and failed to remove (nothing in CaseyOS was erased). */
  erasure?: ExternalRemoval;
  /** With a refused draft (draft-refused): each check it failed, one sentence each. */
  draft_problems?: string[];
}

/** A page of results with an opaque cursor for the next page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
