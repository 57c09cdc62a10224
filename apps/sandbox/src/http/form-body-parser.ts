import type { FastifyInstance } from 'fastify';

/** OAuth token endpoints take application/x-www-form-urlencoded bodies, which Fastify does not parse itself. */
export function registerFormBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
