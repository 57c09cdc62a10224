import type { FastifyInstance } from 'fastify';
import { InputInspection } from './input-guard';
import { validationFailed } from './validation';

/**
 * Refuses, before any route sees it, a request carrying what the app cannot take (input-guard.ts):
 * path parameters, query values, headers and cookies as soon as the request is routed; the JSON
 * body once parsed. The answer is a 400 naming each field (`query.contact`, `body.fields.note`).
 * Nothing is changed: a body that passes reaches the webhook signature check byte for byte.
 * Registered after the rate limit, so refused requests still count against it.
 */
export function guardInput(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const inspection = new InputInspection()
      .record('path', request.params as object)
      .record('query', request.query as object)
      .record('header', request.headers)
      // Decoded by @fastify/cookie's earlier onRequest hook: `%00` arrives here as NUL.
      .record('cookie', request.cookies);
    done(inspection.errors.length > 0 ? validationFailed(inspection.errors) : undefined);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined) return done();
    const inspection = new InputInspection().json('body', request.body);
    done(inspection.errors.length > 0 ? validationFailed(inspection.errors) : undefined);
  });
}
