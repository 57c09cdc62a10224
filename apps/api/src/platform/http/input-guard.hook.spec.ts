import fastifyCookie from '@fastify/cookie';
import Fastify, { FastifyInstance } from 'fastify';
import { guardInput } from './input-guard.hook';
import { NUL_MESSAGE, SURROGATE_MESSAGE } from './input-guard';
import { parseJsonBodies } from './json-body.parser';
import { ProblemException } from './problem-details.filter';

/** A bare Fastify with the guard, a few of the API's route shapes, and routes that say what they saw. */
async function guardedServer(): Promise<{ fastify: FastifyInstance; reached: string[] }> {
  const fastify = Fastify();
  const reached: string[] = [];
  parseJsonBodies(fastify);
  await fastify.register(fastifyCookie);
  guardInput(fastify);
  fastify.setErrorHandler((error, _request, reply) => {
    if (!(error instanceof ProblemException)) throw error;
    return reply.code(error.getStatus()).send({ slug: error.slug, detail: error.message, errors: error.extra.errors });
  });
  fastify.get('/api/accounts/:company/health', async (request) => (reached.push(request.url), { ok: true }));
  fastify.get('/api/signals', async (request) => (reached.push(request.url), { ok: true }));
  fastify.get('/api/audit', async (request) => (reached.push(request.url), { ok: true }));
  fastify.post('/api/webhooks/hubspot/form-submission', async (request) => (reached.push(request.url), { rawBody: request.rawBody }));
  return { fastify, reached };
}

describe('guardInput', () => {
  let server: { fastify: FastifyInstance; reached: string[] };
  beforeEach(async () => {
    server = await guardedServer();
  });
  afterEach(() => server.fastify.close());

  it.each([
    ['/api/accounts/%00/health', 'path.company'],
    ['/api/signals?contact=%00', 'query.contact'],
    ['/api/audit?action=%00', 'query.action'],
  ])('refuses %s with a 400 naming %s, before the route runs', async (url, field) => {
    const res = await server.fastify.inject({ url });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ slug: 'validation-failed', detail: `Invalid input. ${field}: ${NUL_MESSAGE}`, errors: [{ field, messages: [NUL_MESSAGE] }] });
    expect(server.reached).toEqual([]);
  });

  it('refuses a header', async () => {
    const res = await server.fastify.inject({ url: '/api/signals', headers: { 'x-note': 'a\u0000b' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'header.x-note', messages: [NUL_MESSAGE] }]);
  });

  it('refuses a cookie once decoded', async () => {
    const res = await server.fastify.inject({ url: '/api/signals', headers: { cookie: 'caseyos_session=%00' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'cookie.caseyos_session', messages: [NUL_MESSAGE] }]);
  });

  it('refuses a nested JSON string and a lone surrogate, naming their paths', async () => {
    const res = await server.fastify.inject({
      method: 'POST',
      url: '/api/webhooks/hubspot/form-submission',
      headers: { 'content-type': 'application/json' },
      payload: '{"fields":{"email":"a@b.co","note":"x\\u0000"},"values":[{"name":"n","value":"\\ud800"}]}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'body.fields.note', messages: [NUL_MESSAGE] },
      { field: 'body.values.0.value', messages: [SURROGATE_MESSAGE] },
    ]);
    expect(server.reached).toEqual([]);
  });

  it('lets good input through, the raw body unchanged for signature checks', async () => {
    const payload = '{ "fields": {"email":"zoë@example.com", "note":"🚀 \\u00e9"} }';
    const res = await server.fastify.inject({
      method: 'POST',
      url: '/api/webhooks/hubspot/form-submission?source=site',
      headers: { 'content-type': 'application/json', 'x-note': 'fine' },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rawBody: payload });
    await server.fastify.inject({ url: '/api/accounts/Acme%20%C3%89/health' });
    expect(server.reached).toEqual(['/api/webhooks/hubspot/form-submission?source=site', '/api/accounts/Acme%20%C3%89/health']);
  });
});
