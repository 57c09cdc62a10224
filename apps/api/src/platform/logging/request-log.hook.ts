import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import { Pseudonyms } from '../crypto/pseudonyms';
import { pathWithoutAddresses } from '../personal-data/path-without-addresses';

const QUIET_PATHS = new Set(['/health', '/healthz', '/ready', '/metrics']);

/**
 * One line per request once its response is sent: id, method, path, status and time taken (or
 * `request aborted` when the client went away first).
 * Headers, query strings and bodies are never logged (they carry tokens, cookies and message
 * content), and an email address in a path is logged as its pseudonym. A Fastify hook rather
 * than an HTTP middleware: it costs one object and one line per request, nothing per promise.
 */
export function logRequests(fastify: FastifyInstance, logger: Pino, pseudonyms: Pseudonyms): void {
  const requestOf = (request: FastifyRequest) => {
    const [path] = request.url.split('?', 1);
    return QUIET_PATHS.has(path) ? null : { id: request.id, method: request.method, path: pathWithoutAddresses(path, pseudonyms) };
  };
  fastify.addHook('onResponse', (request, reply, done) => {
    const req = requestOf(request);
    if (req) {
      const status = reply.statusCode;
      const line = { req, res: { status }, responseTime: Math.round(reply.elapsedTime) };
      if (status >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    }
    done();
  });
  // The client went away first (a closed event stream, a timeout): no response, but still a line.
  fastify.addHook('onRequestAbort', (request, done) => {
    const req = requestOf(request);
    if (req) logger.info({ req }, 'request aborted');
    done();
  });
}
