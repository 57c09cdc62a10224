import { API_VERSION, HEADERS } from '@caseyos/contracts';
import type { FastifyInstance } from 'fastify';
import { isImmutableFile } from './immutable-file';

/**
 * Every response, errors and index.html included, names its request and API version; immutable
 * files alone do not (docs/API.md, "Headers"): they are the same bytes for every request and
 * release, fetched once, and ~70 bytes on each of the dashboard's twenty-odd files add up.
 */
export function addStandardHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!isImmutableFile(reply)) {
      reply.header(HEADERS.requestId, String(request.id));
      reply.header(HEADERS.apiVersion, API_VERSION);
    }
    done(null, payload);
  });
}
