import { API_VERSION, HEADERS, ProblemDetails } from '@caseyos/contracts';
import { Logger } from '@nestjs/common';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, buildProblem, problemBody, sendProblem } from './problem-details';

const routingLogger = new Logger('Errors');

/** Longer than any path parameter the API takes (an email: 254, a company: 200). */
export const MAX_PATH_PARAMETER_LENGTH = 512;

/**
 * Fastify's refusals made while routing, before Nest or any hook sees the request, answered as
 * problem+json like every other error instead of Fastify's own JSON.
 */
export function answerRoutingError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    const problem = buildProblem(request, 400, 'malformed-url', 'The path is not valid percent-encoded UTF-8.', {
      errors: [{ field: 'path', messages: ['must be valid percent-encoded UTF-8'] }],
    });
    void sendProblem(reply, problem);
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const detail = `A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters.`;
    void sendProblem(reply, buildProblem(request, 414, 'path-too-long', detail));
  } else {
    // Fastify's own logger is off (the app logs through AppLogger): Nest's Logger reaches it.
    routingLogger.error({ err: error, request_id: request.id }, 'routing failed');
    void sendProblem(reply, buildProblem(request, 500, 'internal-error', 'Something went wrong on our side; the request id helps us find it.'));
  }
}

/** How long a refused connection is drained before it is cut; enough for a client to finish sending. */
const LINGER_MS = 2_000;

/**
 * Node's HTTP parser refused the bytes (a control character in a header, a request line or headers
 * too large, a malformed request line): there is no request, so the answer is written to the socket,
 * problem+json with a request id of its own. The connection is then half-closed and what the client
 * still sends is read and dropped for a moment: closing at once, with its bytes unread, would reset
 * the connection and could take the answer down with it.
 */
export function answerUnparsableRequest(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || socket.writableEnded) return;
  const requestId = randomUUID();
  const problem = { ...unparsableProblem(error), request_id: requestId };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `${HEADERS.requestId}: ${requestId}\r\n${HEADERS.apiVersion}: ${API_VERSION}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function unparsableProblem(error: ConnectionError): ProblemDetails {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return problemBody(408, 'request-timeout', 'The request did not arrive in time.');
  if (error.code === 'HPE_HEADER_OVERFLOW') return problemBody(431, 'headers-too-large', 'The request line and headers are too large.');
  const header = offendingHeader(error);
  const reason = (error as ConnectionError & { reason?: string }).reason ?? error.code;
  return problemBody(400, 'malformed-request', `The request is not valid HTTP/1.1: ${reason}.`, {
    ...(header ? { errors: [{ field: `header.${header}`, messages: ['must not contain control characters such as NUL'] }] } : {}),
  });
}

/** The header whose value holds the byte the parser stopped at, when that is what it refused. */
function offendingHeader(error: ConnectionError): string | undefined {
  const packet: unknown = error.rawPacket;
  if (error.code !== 'HPE_INVALID_HEADER_TOKEN' || !Buffer.isBuffer(packet)) return undefined;
  const line = packet.subarray(0, error.bytesParsed).toString('latin1').split('\n').pop() ?? '';
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):/.exec(line);
  return match?.[1].toLowerCase();
}
