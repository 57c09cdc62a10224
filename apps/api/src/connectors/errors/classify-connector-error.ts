import type { IntegrationProvider } from '@caseyos/contracts';
import {
  ConnectorAuthError,
  ConnectorError,
  ConnectorNotFoundError,
  ConnectorPermanentError,
  ConnectorRateLimitError,
  ConnectorTransientError,
} from './connector-errors';

interface HttpFailure {
  status: number;
  body: unknown;
  header(name: string): string | undefined;
}

type Headers = Record<string, string | string[] | undefined> | { get(name: string): string | null };

/** Google reasons that mean "slow down" although the status is 403. */
const GOOGLE_RATE_REASONS = ['rateLimitExceeded', 'userRateLimitExceeded', 'dailyLimitExceeded', 'quotaExceeded'];
/**
 * A token without the scope the call needs (HubSpot's category; Google's reason, or the ErrorInfo
 * reason of APIs that send only `details`): only connecting again, granting it, helps.
 */
const MISSING_SCOPE_REASONS = ['MISSING_SCOPES', 'insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT'];
/** OAuth token endpoint answers that no retry can fix: the user has to connect again. */
const GOOGLE_GRANT_ERRORS = ['invalid_grant', 'invalid_client', 'unauthorized_client'];
const NETWORK_CODES = /^(E[A-Z_]+|UND_ERR_\w+|TimeoutError|AbortError|ERR_STREAM_PREMATURE_CLOSE)$/;
/**
 * What a provider says when the object asked for does not exist (Calendar: was deleted). Gmail
 * and Calendar always name the reason in errors[]; a bare status NOT_FOUND, an HTML page for an
 * unknown path, or a HubSpot 404 without its category is not trusted as "the object is gone".
 */
const OBJECT_MISSING_REASONS: Record<number, readonly string[]> = { 404: ['notFound', 'OBJECT_NOT_FOUND'], 410: ['deleted'] };
const NO_REFRESH_TOKEN = /no refresh token/i;

/**
 * Turns whatever the HubSpot SDK (ApiException: code, body, headers) or googleapis (GaxiosError:
 * response.status, data, headers) threw into a typed, log-safe ConnectorError.
 */
export function classifyConnectorError(provider: IntegrationProvider, error: unknown, now = Date.now()): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const http = httpFailure(error);
  if (!http) return withoutResponse(provider, error);

  const { status } = http;
  const reason = reasonOf(http.body);
  const message = `${status}${reason ? ` ${reason}` : ''}: ${providerMessage(http.body, error)}`;
  const details = { status, reason };

  if (status === 429 || (status === 403 && reason && GOOGLE_RATE_REASONS.includes(reason))) {
    return new ConnectorRateLimitError(provider, message, retryAfterMs(http, reason, now), details);
  }
  if (status === 401) return new ConnectorAuthError(provider, message, false, details);
  if (status === 403 && reason && MISSING_SCOPE_REASONS.includes(reason)) {
    return new ConnectorAuthError(provider, message, true, details);
  }
  if (status === 400 && reason && (GOOGLE_GRANT_ERRORS.includes(reason) || /^BAD_(REFRESH_TOKEN|CLIENT_ID|CLIENT_SECRET)$/.test(reason))) {
    return new ConnectorAuthError(provider, message, true, details);
  }
  if (status === 404 || status === 410) {
    return new ConnectorNotFoundError(provider, message, !!reason && OBJECT_MISSING_REASONS[status].includes(reason), details);
  }
  if (status === 408 || status >= 500) return new ConnectorTransientError(provider, message, details);
  return new ConnectorPermanentError(provider, message, details);
}

function httpFailure(error: unknown): HttpFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { code?: unknown; body?: unknown; headers?: Headers; response?: { status?: unknown; data?: unknown; headers?: Headers } };
  // HubSpot's ApiException: a numeric code is the HTTP status (network errors carry string codes).
  if (typeof candidate.code === 'number' && candidate.code >= 100 && 'body' in candidate) {
    return { status: candidate.code, body: candidate.body, header: headerReader(candidate.headers) };
  }
  if (candidate.response && typeof candidate.response.status === 'number') {
    return { status: candidate.response.status, body: candidate.response.data, header: headerReader(candidate.response.headers) };
  }
  return null;
}

function headerReader(headers: Headers | undefined): (name: string) => string | undefined {
  return (name) => {
    if (!headers) return undefined;
    if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
    const entries = headers as Record<string, string | string[] | undefined>;
    const key = Object.keys(entries).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? entries[key] : undefined;
    return Array.isArray(value) ? value[0] : value;
  };
}

/** HubSpot: policyName, category or the token endpoint's status; Google: errors[0].reason, an ErrorInfo reason or the OAuth error. */
function reasonOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.policyName === 'string') return b.policyName;
  if (typeof b.category === 'string') return b.category;
  if (typeof b.status === 'string' && b.status !== 'error') return b.status;
  if (typeof b.error === 'string') return b.error;
  const google = b.error as { errors?: { reason?: unknown }[]; details?: { reason?: unknown }[]; status?: unknown } | undefined;
  const reason = google?.errors?.[0]?.reason ?? google?.details?.find((detail) => typeof detail?.reason === 'string')?.reason;
  if (typeof reason === 'string') return reason;
  return typeof google?.status === 'string' ? google.status : undefined;
}

function providerMessage(body: unknown, error: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nested = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>).message : undefined;
  const text = [b.message, nested, b.error_description].find((m): m is string => typeof m === 'string');
  // HubSpot's exception message embeds the whole body and headers, so only a body field is used.
  return scrub(text ?? (typeof body === 'string' ? 'unexpected response' : error instanceof Error && !('body' in error) ? error.message : 'request failed'));
}

function withoutResponse(provider: IntegrationProvider, error: unknown): ConnectorError {
  const text = error instanceof Error ? scrub(error.message) : 'unknown failure';
  const network = networkReason(error);
  if (network) return new ConnectorTransientError(provider, `network: ${text}`, { reason: network });
  if (NO_REFRESH_TOKEN.test(text)) return new ConnectorAuthError(provider, 'no refresh token stored; reconnect', true);
  // Anything else (a bug, a malformed argument) will fail the same way again.
  return new ConnectorPermanentError(provider, text);
}

interface NetworkFailure {
  code?: unknown;
  name?: unknown;
  cause?: { name?: unknown };
  config?: { signal?: { reason?: { name?: unknown } } };
}

/**
 * The failure's network reason, if it is one: a system error code, a fetch failure, or an aborted
 * request. gaxios wraps node-fetch's AbortError without a code; the reason of the signal it
 * aborted tells its own timeout (TimeoutError) from anyone else's abort.
 */
function networkReason(error: unknown): string | undefined {
  const { code, name, cause, config } = (error ?? {}) as NetworkFailure;
  if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
  if (name === 'FetchError' || name === 'AbortError' || name === 'TimeoutError') return name;
  if (cause?.name === 'AbortError') return config?.signal?.reason?.name === 'TimeoutError' ? 'TimeoutError' : 'AbortError';
  return undefined;
}

/**
 * How long a 429 asks us to wait: Retry-After (seconds or a date), else HubSpot's window header,
 * else the policy's own period. HubSpot's DAILY budget resets at midnight (approximated in UTC).
 */
function retryAfterMs(http: HttpFailure, reason: string | undefined, now: number): number {
  const retryAfter = http.header('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  if (reason === 'DAILY') {
    const midnight = new Date(now);
    midnight.setUTCHours(24, 0, 0, 0);
    return midnight.getTime() - now;
  }
  const interval = Number(http.header('x-hubspot-ratelimit-interval-milliseconds'));
  if (http.header('x-hubspot-ratelimit-remaining') === '0' && interval > 0) return interval;
  if (reason === 'TEN_SECONDLY_ROLLING') return 10_000;
  return 1000;
}

/** Provider texts may quote request URLs (with emails or ids in them); those stay out of logs. */
function scrub(text: string): string {
  return text
    .split('\n')[0]
    .replace(/https?:\/\/\S+/g, '<url>')
    .slice(0, 200);
}
