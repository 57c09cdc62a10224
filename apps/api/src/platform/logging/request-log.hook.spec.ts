import Fastify, { FastifyInstance } from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { Pseudonyms } from '../crypto/pseudonyms';
import { logRequests } from './request-log.hook';

describe('logRequests', () => {
  let fastify: FastifyInstance;
  let lines: Record<string, unknown>[];
  let answerSlow = () => undefined as void;
  const pseudonyms = Pseudonyms.forConfig({ PSEUDONYM_KEY: undefined, ENCRYPTION_KEY: 'ab'.repeat(32), ADMIN_TOKEN: 'operator-token-for-tests' });

  beforeEach(async () => {
    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    fastify = Fastify({ genReqId: () => 'req-1' });
    logRequests(fastify, pino({ level: 'info' }, sink), pseudonyms);
    fastify.get('/api/contacts/:email', async () => ({ ok: true }));
    fastify.get('/api/broken', async (_request, reply) => reply.code(503).send({ down: true }));
    fastify.get('/health', async () => ({ ok: true }));
    fastify.get('/api/slow', () => new Promise<string>((resolve) => (answerSlow = () => resolve('late'))));
    await fastify.ready();
  });

  afterEach(() => fastify.close());

  it('writes one line per request with id, method, path, status and time, and no query string or headers', async () => {
    await fastify.inject({ url: '/api/contacts/dana%40northwind.example?token=secret-value', headers: { authorization: 'Bearer secret-value' } });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { id: 'req-1', method: 'GET' }, res: { status: 200 } });
    expect(typeof line.responseTime).toBe('number');
    expect((line.req as { path: string }).path).toBe(`/api/contacts/${pseudonyms.contactRef('dana@northwind.example')}`);
    expect(JSON.stringify(line)).not.toMatch(/secret-value|dana|northwind/);
  });

  it('writes a line for a request the client abandoned before its answer', async () => {
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = fastify.server.address() as { port: number };
    const abandoned = new AbortController();
    const request = fetch(`http://127.0.0.1:${port}/api/slow`, { signal: abandoned.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    abandoned.abort();
    await request;
    await new Promise((resolve) => setTimeout(resolve, 100));
    answerSlow();
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'request aborted', req: { id: 'req-1', method: 'GET', path: '/api/slow' } }));
  });

  it('logs a 5xx as an error and keeps health checks quiet', async () => {
    await fastify.inject('/health');
    await fastify.inject('/api/broken');
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'request failed', res: { status: 503 } })]);
  });
});
