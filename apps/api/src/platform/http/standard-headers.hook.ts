import { API_VERSION, HEADERS } from '@caseyos/contracts';
import type { FastifyInstance } from 'fastify';

/** Every response, errors and static files included, names its request and API version. */
export function addStandardHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header(HEADERS.requestId, String(request.id));
    reply.header(HEADERS.apiVersion, API_VERSION);
    done(null, payload);
  });
}
