import type { FastifyInstance } from 'fastify';
import { ProblemException } from './problem-details.filter';

/**
 * Fastify's JSON parser (prototype-poisoning safe) with a problem type of our own: Nest would
 * otherwise turn the parser's error into a generic 400. Also keeps the raw body.
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parse(request, body as string, (error, value) => {
      if (!error) {
        // Webhook signatures are computed over the exact bytes received.
        request.rawBody = body as string;
        return done(null, value);
      }
      const detail = body === '' ? 'The request declares a JSON body but sends none.' : 'The request body is not valid JSON.';
      done(new ProblemException(400, 'malformed-json', detail), undefined);
    });
  });
}
