import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { calendarError, gmailError, googleOAuthError } from './google-errors';
import { hubspotErrorBody } from './hubspot-errors';
import { SandboxHttpError } from './sandbox-http-error';

/** Fastify's own 4xx (bad JSON, unsupported media type, ...) in the shape of the service asked. */
function asServiceError(path: string, status: number, message: string): SandboxHttpError {
  if (path.startsWith('/crm/') || path.startsWith('/oauth/')) return new SandboxHttpError(status, hubspotErrorBody(message, 'VALIDATION_ERROR'));
  if (path.startsWith('/gmail/')) return gmailError(status, message, 'invalidArgument', 'INVALID_ARGUMENT');
  if (path.startsWith('/calendar/')) return calendarError(status, message, 'invalid');
  if (path.startsWith('/token') || path.startsWith('/o/oauth2') || path.startsWith('/revoke')) return googleOAuthError('invalid_request', message, status);
  return new SandboxHttpError(status, { error: message });
}

export function sandboxErrorHandler(error: FastifyError | SandboxHttpError, request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?')[0];
  let response: SandboxHttpError;
  if (error instanceof SandboxHttpError) {
    response = error;
  } else if (error.statusCode !== undefined && error.statusCode < 500) {
    response = asServiceError(path, error.statusCode, error.message);
  } else {
    request.log.error({ err: error, route: request.routeOptions.url }, 'sandbox handler failed');
    response = new SandboxHttpError(500, { error: 'sandbox internal error' });
  }
  reply.code(response.statusCode).headers(response.headers).type(response.contentType).send(response.body);
}
