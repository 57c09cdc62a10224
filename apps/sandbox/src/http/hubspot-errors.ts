import { randomUUID } from 'node:crypto';
import { SandboxHttpError } from './sandbox-http-error';

export type HubspotRatePolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY';

/** HubSpot's v3 error body: status "error", message, correlationId, category. */
export function hubspotErrorBody(message: string, category: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

export const hubspotErrors = {
  missingCredentials: () =>
    new SandboxHttpError(
      401,
      hubspotErrorBody(
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        'INVALID_AUTHENTICATION',
      ),
    ),

  expiredToken: (expiredForMs: number) =>
    new SandboxHttpError(
      401,
      hubspotErrorBody(
        `The OAuth token used to make this call expired ${Math.max(1, Math.ceil(expiredForMs / 60_000))} minute(s) ago.`,
        'EXPIRED_AUTHENTICATION',
      ),
    ),

  /** A token without any of the route's scopes: HubSpot names the ones that would do. */
  missingScopes: (requiredScopes: readonly string[]) =>
    new SandboxHttpError(
      403,
      hubspotErrorBody(
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        'MISSING_SCOPES',
        {
          errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...requiredScopes] } }],
          links: { scopes: 'https://developers.hubspot.com/scopes' },
        },
      ),
    ),

  objectNotFound: (id: string) =>
    new SandboxHttpError(404, hubspotErrorBody('Object not found.  objectId are usually numeric.', 'OBJECT_NOT_FOUND', { context: { id: [id] } })),

  /** HubSpot's search answers most bad requests, the 10,000-result cap included, with this. */
  badSearchRequest: () => new SandboxHttpError(400, hubspotErrorBody('There was a problem with the request.', 'VALIDATION_ERROR')),

  validation: (message: string, context?: Record<string, string[]>) =>
    new SandboxHttpError(400, hubspotErrorBody(message, 'VALIDATION_ERROR', context ? { context } : {})),

  rateLimited: (policy: HubspotRatePolicy, retryAfterSec: number, headers: Record<string, string>) =>
    new SandboxHttpError(
      429,
      {
        status: 'error',
        message: policy === 'SECONDLY' ? 'You have reached your secondly limit.' : 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: randomUUID(),
        policyName: policy,
        groupName: 'api-calls',
      },
      { ...headers, 'Retry-After': String(retryAfterSec) },
    ),

  /** HubSpot's edge answers 502/504 with an HTML page; its API answers 500/503 in JSON. */
  serverError: (status: number) =>
    status === 502 || status === 504
      ? new SandboxHttpError(
          status,
          `<html><head><title>${status} Gateway Error</title></head><body><h1>${status} Gateway Error</h1></body></html>`,
          {},
          'text/html; charset=utf-8',
        )
      : new SandboxHttpError(
          status,
          hubspotErrorBody(
            status === 503 ? 'The service is temporarily unavailable. Please try again later.' : 'internal error',
            status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR',
          ),
        ),
};

/** Errors of HubSpot's OAuth token endpoint: {status: "BAD_…", message}. */
export function hubspotOAuthError(status: string, message: string, httpStatus = 400): SandboxHttpError {
  return new SandboxHttpError(httpStatus, { status, message, correlationId: randomUUID() });
}
