import type { IntegrationProvider } from '@caseyos/contracts';

export type ConnectorErrorKind = 'auth' | 'rate_limit' | 'not_found' | 'transient' | 'permanent';

export interface ConnectorErrorDetails {
  /** HTTP status, when the provider answered. */
  status?: number;
  /** The provider's own word for it: HubSpot's category or policy, Google's error reason. */
  reason?: string;
}

/**
 * A failed HubSpot or Google call, classified so a caller can decide between retrying later and
 * failing. The message is safe to log: status, reason and the provider's short text, never a
 * token, a request or a message body.
 */
export abstract class ConnectorError extends Error {
  abstract readonly kind: ConnectorErrorKind;
  readonly status?: number;
  readonly reason?: string;

  constructor(
    readonly provider: IntegrationProvider,
    message: string,
    details: ConnectorErrorDetails = {},
  ) {
    super(`${provider}: ${message}`);
    this.name = new.target.name;
    this.status = details.status;
    this.reason = details.reason;
  }

  /** The same call may succeed later (after retryAfterMs for a rate limit). */
  get retryable(): boolean {
    return this.kind === 'rate_limit' || this.kind === 'transient';
  }
}

/** Credentials rejected or missing. With needsReconnection, only the user reconnecting helps. */
export class ConnectorAuthError extends ConnectorError {
  readonly kind = 'auth';

  constructor(
    provider: IntegrationProvider,
    message: string,
    readonly needsReconnection: boolean,
    details: ConnectorErrorDetails = {},
  ) {
    super(provider, message, details);
  }
}

export class ConnectorRateLimitError extends ConnectorError {
  readonly kind = 'rate_limit';

  constructor(
    provider: IntegrationProvider,
    message: string,
    /** Wait at least this long before calling again. */
    readonly retryAfterMs: number,
    details: ConnectorErrorDetails = {},
  ) {
    super(provider, message, details);
  }

  /** HubSpot's daily budget: no point retrying today. */
  get daily(): boolean {
    return this.reason === 'DAILY';
  }
}

/**
 * 404 or 410. `objectMissing` is true only when the provider said the object itself is missing or
 * deleted (Google reason notFound or deleted, HubSpot category OBJECT_NOT_FOUND); any other 404
 * (an unknown route, a stale sync cursor) leaves it false, so "already gone" is never inferred
 * from a URL the provider did not serve.
 */
export class ConnectorNotFoundError extends ConnectorError {
  readonly kind = 'not_found';

  constructor(
    provider: IntegrationProvider,
    message: string,
    readonly objectMissing: boolean,
    details: ConnectorErrorDetails = {},
  ) {
    super(provider, message, details);
  }
}

/** 5xx, network failure or timeout: retry later (a write may or may not have happened). */
export class ConnectorTransientError extends ConnectorError {
  readonly kind = 'transient';
}

/** Any other refusal (validation, permissions): retrying the same request will fail again. */
export class ConnectorPermanentError extends ConnectorError {
  readonly kind = 'permanent';
}
