import Fastify, { FastifyInstance } from 'fastify';
import { addSecurityHeaders } from './security-headers';

describe('addSecurityHeaders', () => {
  let fastify: FastifyInstance;
  beforeEach(async () => {
    fastify = Fastify();
    await addSecurityHeaders(fastify);
    fastify.get('/json', () => ({ ok: true }));
    fastify.get('/bundle.js', (_request, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript').send('export {};'),
    );
    // As the event stream does: the route writes the head itself.
    fastify.get('/hijacked', (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/plain' }).end('raw');
    });
  });
  afterEach(() => fastify.close());

  it("sets Helmet's headers on every response, hijacked ones included, the same each time", async () => {
    const first = await fastify.inject('/json');
    const csp = first.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['strict-transport-security']).toMatch(/max-age=/);

    const hijacked = await fastify.inject('/hijacked');
    expect(hijacked.body).toBe('raw');
    expect(hijacked.headers['content-security-policy']).toBe(csp);
    expect(hijacked.headers['x-frame-options']).toBe(first.headers['x-frame-options']);

    const again = await fastify.inject('/json');
    expect(again.headers['content-security-policy']).toBe(csp);
  });

  it('keeps only nosniff and the resource policy on an immutable file', async () => {
    const bundle = await fastify.inject('/bundle.js');
    expect(bundle.headers['x-content-type-options']).toBe('nosniff');
    expect(bundle.headers['cross-origin-resource-policy']).toBe('same-origin');
    for (const name of ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy']) {
      expect(bundle.headers[name]).toBeUndefined();
    }
  });
});
