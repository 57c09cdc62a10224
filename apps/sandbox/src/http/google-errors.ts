import { SandboxHttpError } from './sandbox-http-error';

/** Gmail's error body: {error: {code, message, errors: [...], status}}. */
export function gmailError(code: number, message: string, reason: string, status: string): SandboxHttpError {
  return new SandboxHttpError(code, { error: { code, message, errors: [{ message, domain: 'global', reason }], status } });
}

/** Calendar's error body, which carries no `status`: {error: {errors: [...], code, message}}. */
export function calendarError(code: number, message: string, reason: string): SandboxHttpError {
  return new SandboxHttpError(code, { error: { errors: [{ domain: 'global', reason, message }], code, message } });
}

export const googleErrors = {
  unauthenticated: () =>
    new SandboxHttpError(401, {
      error: {
        code: 401,
        message:
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }],
        status: 'UNAUTHENTICATED',
      },
    }),

  /** A token without any of the route's scopes: the classic reason, the ErrorInfo detail and the header naming the scopes. */
  insufficientScopes: (service: 'gmail' | 'calendar', requiredScopes: readonly string[]) =>
    new SandboxHttpError(
      403,
      {
        error: {
          code: 403,
          message: 'Request had insufficient authentication scopes.',
          errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
          status: 'PERMISSION_DENIED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
              domain: 'googleapis.com',
              metadata: { service: service === 'gmail' ? 'gmail.googleapis.com' : 'calendar-json.googleapis.com' },
            },
          ],
        },
      },
      { 'WWW-Authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${requiredScopes.join(' ')}"` },
    ),

  rateLimited: () =>
    new SandboxHttpError(
      429,
      {
        error: {
          code: 429,
          message: 'Rate Limit Exceeded',
          errors: [{ message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded' }],
          status: 'RESOURCE_EXHAUSTED',
        },
      },
      { 'Retry-After': '1' },
    ),

  serverError: (code: number) =>
    code === 503
      ? gmailError(503, 'The service is currently unavailable.', 'backendError', 'UNAVAILABLE')
      : gmailError(code, 'Internal error encountered.', 'backendError', code === 500 ? 'INTERNAL' : 'UNAVAILABLE'),

  gmailNotFound: () => gmailError(404, 'Requested entity was not found.', 'notFound', 'NOT_FOUND'),

  gmailInvalid: (message: string) => gmailError(400, message, 'invalidArgument', 'INVALID_ARGUMENT'),

  calendarNotFound: () => calendarError(404, 'Not Found', 'notFound'),

  calendarDeleted: () => calendarError(410, 'Resource has been deleted', 'deleted'),

  calendarFullSyncRequired: () => calendarError(410, 'Sync token is no longer valid, a full sync is required.', 'fullSyncRequired'),

  calendarInvalid: (message: string) => calendarError(400, message, 'invalid'),
};

/** Errors of Google's OAuth token endpoint: {error, error_description}. */
export function googleOAuthError(error: string, description: string, httpStatus = 400): SandboxHttpError {
  return new SandboxHttpError(httpStatus, { error, error_description: description });
}
