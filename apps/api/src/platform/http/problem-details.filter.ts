import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ProblemDetails } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../database/database-unavailable';
import { buildProblem, sendProblem } from './problem-details';

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  423: 'locked',
  429: 'rate-limited',
  503: 'unavailable',
};

/** A thrown ProblemException carries its own slug and extra members. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    detail: string,
    readonly extra: Partial<ProblemDetails> = {},
    /** Response headers that belong with the problem, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, status);
  }
}

/**
 * Turns every error into RFC 9457 problem+json. An HttpException answers its own status; Postgres
 * out of reach is a 503 with Retry-After (`database-unavailable`, only for the database's own
 * errors: another service out of reach is not the database); anything else unexpected becomes a
 * 500 with no internals in the body, and the log keeps the stack so it can be fixed.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // An HttpException already says what to answer, whatever it wraps.
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      // An outage, not a bug: no stack, and the client is told when to come back.
      this.logger.warn({ event: 'database_unavailable', request_id: request.id, error: (exception as Error).message });
      const detail = `The database cannot be reached right now; retry after ${DATABASE_RETRY_AFTER_SECONDS} s.`;
      return sendProblem(reply, buildProblem(request, 503, 'database-unavailable', detail), { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, request_id: request.id }, 'unhandled error');
    }
    const headers: Record<string, string> = exception instanceof ProblemException ? { ...exception.headers } : {};
    if (problem.status === 405 && exception instanceof HttpException) {
      const allow = (exception.getResponse() as { allow?: string }).allow;
      if (allow) headers.allow = allow;
    }
    return sendProblem(reply, problem, headers);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    if (exception instanceof ProblemException) {
      return buildProblem(request, exception.getStatus(), exception.slug, exception.message, exception.extra);
    }
    if (exception instanceof HttpException) {
      // Nest hands Fastify's own refusals (body limit, media type) over as HttpExceptions too.
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : detailOf(body as Record<string, unknown>, exception.message);
      return buildProblem(request, status, SLUGS[status] ?? 'error', detail);
    }
    return buildProblem(request, 500, 'internal-error', 'Something went wrong on our side; the request id helps us find it.');
  }
}

function detailOf(body: Record<string, unknown>, fallback: string): string {
  const message = body.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : fallback;
}
