import { HEADERS, ProblemDetails } from '@caseyos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Problem types are stable URNs that clients can switch on. */
export function problemType(slug: string): string {
  return `urn:caseyos:problem:${slug}`;
}

export function buildProblem(request: FastifyRequest, status: number, slug: string, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return problemBody(status, slug, detail, { instance: request.url.split('?')[0], request_id: String(request.id), ...extra });
}

/** A problem built away from the request (e.g. one stored to be replayed later). */
export function problemBody(status: number, slug: string, detail?: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: problemType(slug), title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extra };
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails, headers: Record<string, string> = {}) {
  return reply
    .code(problem.status)
    .headers({ ...headers, [HEADERS.requestId]: String(reply.request.id) })
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
