import { ApiException } from '@hubspot/api-client/lib/codegen/crm/deals';
import { GaxiosError } from 'gaxios';
import { classifyConnectorError } from './classify-connector-error';
import { ConnectorAuthError, ConnectorNotFoundError, ConnectorPermanentError, ConnectorRateLimitError, ConnectorTransientError } from './connector-errors';

const NOW = Date.parse('2026-03-04T22:00:00Z');

function hubspot(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new ApiException(status, 'An error occurred.', body, headers);
}

function google(status: number, data: unknown, headers: Record<string, string> = {}) {
  const config = {
    url: 'https://gmail.googleapis.com/gmail/v1/users/me/history',
    method: 'GET',
    headers: new Headers({ authorization: 'Bearer ya29.secret' }),
  } as never;
  // bodyUsed: gaxios keeps `data` only from a response whose body was read, as real ones are.
  return new GaxiosError('failed', config, { status, data, headers: new Headers(headers), config, bodyUsed: true } as never);
}

const googleApiError = (status: number, reason: string, message = 'x') =>
  google(status, { error: { code: status, message, errors: [{ reason }], status: 'X' } });

describe('classifyConnectorError', () => {
  describe('HubSpot (ApiException)', () => {
    it('honours Retry-After and the policy of a 429', () => {
      const error = classifyConnectorError(
        'hubspot',
        hubspot(
          429,
          { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' },
          { 'retry-after': '2' },
        ),
        NOW,
      );
      expect(error).toBeInstanceOf(ConnectorRateLimitError);
      expect(error).toMatchObject({ retryAfterMs: 2000, reason: 'TEN_SECONDLY_ROLLING', status: 429, daily: false, retryable: true });
    });

    it('falls back to the window header, then to the policy period', () => {
      const windowed = hubspot(
        429,
        { policyName: 'TEN_SECONDLY_ROLLING' },
        { 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' },
      );
      expect(classifyConnectorError('hubspot', windowed, NOW)).toMatchObject({ retryAfterMs: 10_000 });
      expect(classifyConnectorError('hubspot', hubspot(429, { policyName: 'SECONDLY' }), NOW)).toMatchObject({ retryAfterMs: 1000, reason: 'SECONDLY' });
    });

    it('makes the DAILY policy wait until midnight, and marks it daily', () => {
      const error = classifyConnectorError('hubspot', hubspot(429, { policyName: 'DAILY', message: 'daily limit' }), NOW) as ConnectorRateLimitError;
      expect(error.daily).toBe(true);
      expect(error.retryAfterMs).toBe(2 * 3600_000);
    });

    it('tells an expired token (refreshable) from missing scopes and a refused refresh (reconnect)', () => {
      const expired = classifyConnectorError(
        'hubspot',
        hubspot(401, { status: 'error', message: 'The OAuth token used to make this call expired 1 minute(s) ago.', category: 'EXPIRED_AUTHENTICATION' }),
      );
      expect(expired).toBeInstanceOf(ConnectorAuthError);
      expect(expired).toMatchObject({ needsReconnection: false, reason: 'EXPIRED_AUTHENTICATION', retryable: false });
      expect(classifyConnectorError('hubspot', hubspot(403, { category: 'MISSING_SCOPES', message: 'missing' }))).toMatchObject({
        kind: 'auth',
        needsReconnection: true,
      });
      expect(classifyConnectorError('hubspot', hubspot(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' }))).toMatchObject({
        kind: 'auth',
        needsReconnection: true,
        reason: 'BAD_REFRESH_TOKEN',
      });
    });

    it('classifies 404, 5xx (JSON or an HTML gateway page) and other 4xx', () => {
      expect(classifyConnectorError('hubspot', hubspot(404, { category: 'OBJECT_NOT_FOUND', message: 'Object not found.' }))).toBeInstanceOf(
        ConnectorNotFoundError,
      );
      expect(classifyConnectorError('hubspot', hubspot(503, { category: 'SERVICE_UNAVAILABLE', message: 'later' }))).toBeInstanceOf(ConnectorTransientError);
      expect(classifyConnectorError('hubspot', hubspot(502, '<html><body>502 Gateway Error</body></html>'))).toMatchObject({
        kind: 'transient',
        message: 'hubspot: 502: unexpected response',
      });
      expect(classifyConnectorError('hubspot', hubspot(400, { category: 'VALIDATION_ERROR', message: 'Property values were not valid' }))).toBeInstanceOf(
        ConnectorPermanentError,
      );
    });

    it('says the object is missing only for OBJECT_NOT_FOUND, not for a 404 of a route it does not serve', () => {
      const missing = classifyConnectorError('hubspot', hubspot(404, { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found.' }));
      expect(missing).toMatchObject({ kind: 'not_found', objectMissing: true, reason: 'OBJECT_NOT_FOUND' });
      expect(classifyConnectorError('hubspot', hubspot(404, ''))).toMatchObject({ kind: 'not_found', objectMissing: false });
      expect(classifyConnectorError('hubspot', hubspot(404, { error: 'Not Found', message: 'no route' }))).toMatchObject({
        kind: 'not_found',
        objectMissing: false,
      });
      expect(classifyConnectorError('hubspot', hubspot(404, { status: 'error', category: 'VALIDATION_ERROR', message: 'x' }))).toMatchObject({
        objectMissing: false,
      });
    });

    it('treats network failures as transient', () => {
      const refused = Object.assign(
        new Error('request to https://api.hubapi.com/crm/v3/objects/contacts/jane@example.com failed, reason: connect ECONNREFUSED'),
        {
          name: 'FetchError',
          code: 'ECONNREFUSED',
        },
      );
      const error = classifyConnectorError('hubspot', refused);
      expect(error).toBeInstanceOf(ConnectorTransientError);
      expect(error.message).not.toContain('jane@example.com');
    });

    it('keeps the message log-safe: no headers or body dump', () => {
      const error = classifyConnectorError(
        'hubspot',
        hubspot(500, { category: 'INTERNAL_ERROR', message: 'internal error' }, { 'set-cookie': 'secret-cookie' }),
      );
      expect(error.message).toBe('hubspot: 500 INTERNAL_ERROR: internal error');
    });
  });

  describe('Google (GaxiosError)', () => {
    it('classifies 429 and quota 403s as rate limits', () => {
      expect(
        classifyConnectorError('google', google(429, { error: { code: 429, errors: [{ reason: 'rateLimitExceeded' }] } }, { 'retry-after': '1' }), NOW),
      ).toMatchObject({
        kind: 'rate_limit',
        retryAfterMs: 1000,
      });
      expect(classifyConnectorError('google', googleApiError(403, 'userRateLimitExceeded'))).toBeInstanceOf(ConnectorRateLimitError);
    });

    it('reads an HTTP-date Retry-After', () => {
      const at = new Date(NOW + 5000).toUTCString();
      expect(classifyConnectorError('google', google(429, {}, { 'retry-after': at }), NOW)).toMatchObject({ retryAfterMs: 5000 });
    });

    it('needs reconnection after invalid_grant or missing scopes, but not after a plain 401', () => {
      expect(classifyConnectorError('google', google(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }))).toMatchObject({
        kind: 'auth',
        needsReconnection: true,
        reason: 'invalid_grant',
      });
      expect(classifyConnectorError('google', googleApiError(403, 'insufficientPermissions'))).toMatchObject({ kind: 'auth', needsReconnection: true });
      // APIs that send only the ErrorInfo detail say it there.
      const scopeInfo = {
        error: {
          code: 403,
          message: 'Request had insufficient authentication scopes.',
          status: 'PERMISSION_DENIED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' }],
        },
      };
      expect(classifyConnectorError('google', google(403, scopeInfo))).toMatchObject({
        kind: 'auth',
        needsReconnection: true,
        reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      });
      // Any other PERMISSION_DENIED (a domain policy, say) is no reason to reconnect.
      expect(classifyConnectorError('google', google(403, { error: { code: 403, message: 'Forbidden', status: 'PERMISSION_DENIED' } }))).toMatchObject({
        kind: 'permanent',
      });
      expect(classifyConnectorError('google', googleApiError(401, 'authError'))).toMatchObject({ kind: 'auth', needsReconnection: false });
      expect(classifyConnectorError('google', new Error('No refresh token is set.'))).toMatchObject({ kind: 'auth', needsReconnection: true });
    });

    it('says the object is missing for notFound (404) and deleted (410) only', () => {
      expect(classifyConnectorError('google', googleApiError(404, 'notFound', 'Requested entity was not found.'))).toMatchObject({
        kind: 'not_found',
        objectMissing: true,
      });
      expect(classifyConnectorError('google', google(404, { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } }))).toMatchObject({
        objectMissing: false,
      });
      expect(classifyConnectorError('google', googleApiError(410, 'deleted', 'Resource has been deleted'))).toMatchObject({
        kind: 'not_found',
        status: 410,
        objectMissing: true,
      });
      expect(classifyConnectorError('google', googleApiError(410, 'fullSyncRequired'))).toMatchObject({ kind: 'not_found', objectMissing: false });
      // Google's front end answers an unknown path with an HTML page; the sandbox with its own JSON.
      expect(classifyConnectorError('google', google(404, '<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>'))).toMatchObject({
        kind: 'not_found',
        objectMissing: false,
      });
      expect(classifyConnectorError('google', google(404, { error: 'Not Found', message: 'The sandbox has no route GET /x' }))).toMatchObject({
        objectMissing: false,
      });
    });

    it('classifies a stale history id (404), an expired sync token (410), 5xx and bad requests', () => {
      expect(classifyConnectorError('google', googleApiError(404, 'notFound'))).toBeInstanceOf(ConnectorNotFoundError);
      expect(classifyConnectorError('google', googleApiError(410, 'fullSyncRequired'))).toMatchObject({
        kind: 'not_found',
        status: 410,
        reason: 'fullSyncRequired',
      });
      expect(classifyConnectorError('google', googleApiError(503, 'backendError'))).toBeInstanceOf(ConnectorTransientError);
      expect(classifyConnectorError('google', googleApiError(400, 'invalidArgument', 'Invalid To header'))).toMatchObject({
        kind: 'permanent',
        message: 'google: 400 invalidArgument: Invalid To header',
      });
    });

    it("tells gaxios' own timeout from another abort by the reason of the signal it aborted", () => {
      const aborted = (reason: DOMException) => {
        const controller = new AbortController();
        controller.abort(reason);
        const cause = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError', type: 'aborted' });
        return new GaxiosError('The operation was aborted.', { url: 'https://x', signal: controller.signal } as never, undefined, cause);
      };
      expect(classifyConnectorError('google', aborted(new DOMException('timed out', 'TimeoutError')))).toMatchObject({
        kind: 'transient',
        reason: 'TimeoutError',
      });
      expect(classifyConnectorError('google', aborted(new DOMException('stop', 'AbortError')))).toMatchObject({ kind: 'transient', reason: 'AbortError' });
    });

    it('treats timeouts and resets as transient and never echoes the request', () => {
      const timeout = Object.assign(
        new GaxiosError('The operation was aborted due to timeout', { url: 'https://x', headers: { authorization: 'Bearer ya29.secret' } } as never),
        { code: 'TimeoutError' },
      );
      const error = classifyConnectorError('google', timeout);
      expect(error).toBeInstanceOf(ConnectorTransientError);
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain('ya29.secret');
    });
  });

  it('passes an already classified error through and calls unknown failures permanent', () => {
    const known = new ConnectorNotFoundError('hubspot', 'gone', true);
    expect(classifyConnectorError('hubspot', known)).toBe(known);
    expect(classifyConnectorError('google', new TypeError('x is not a function'))).toBeInstanceOf(ConnectorPermanentError);
  });
});
