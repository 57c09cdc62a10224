import { Logger } from '@nestjs/common';
import Fastify, { FastifyError, FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { MAX_PATH_PARAMETER_LENGTH, answerRoutingError, answerUnparsableRequest } from './framework-errors';

/** Sends raw bytes and reads everything the server answers until it closes the connection. */
function sendRaw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(request, 'latin1')));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests refused before routing answer problem+json', () => {
  let fastify: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    fastify = Fastify({
      routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
      frameworkErrors: answerRoutingError,
      clientErrorHandler: answerUnparsableRequest,
    });
    fastify.get('/api/accounts/:company/health', async () => ({ ok: true }));
    // Any other routing failure, as Fastify would hand it over.
    fastify.get('/api/unexpected', (request, reply) =>
      answerRoutingError(Object.assign(new Error('router broke'), { code: 'FST_ERR_OTHER' }) as FastifyError, request, reply),
    );
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    port = (fastify.server.address() as { port: number }).port;
  });
  afterAll(() => fastify.close());

  it('any other routing failure: 500 problem+json, and the error logged with the request id', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const res = await fastify.inject({ url: '/api/unexpected', headers: { 'x-request-id': 'route-1' } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ type: 'urn:caseyos:problem:internal-error' });
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ err: expect.objectContaining({ message: 'router broke' }) }), 'routing failed');
    } finally {
      logged.mockRestore();
    }
  });

  it.each(['%ED%A0%80', '%C0%80', '%E0%A4%A', '%'])('a path that is not percent-encoded UTF-8 (%s): 400 naming the path', async (segment) => {
    const res = await fastify.inject({ url: `/api/accounts/${segment}/health` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: 'urn:caseyos:problem:malformed-url',
      errors: [{ field: 'path', messages: ['must be valid percent-encoded UTF-8'] }],
    });
  });

  it('takes a parameter as long as an email may be, refuses one past the limit with a 414', async () => {
    expect((await fastify.inject({ url: `/api/accounts/${'a'.repeat(254)}/health` })).statusCode).toBe(200);
    const res = await fastify.inject({ url: `/api/accounts/${'a'.repeat(MAX_PATH_PARAMETER_LENGTH + 1)}/health` });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toMatchObject({ type: 'urn:caseyos:problem:path-too-long', status: 414, title: 'URI Too Long' });
  });

  it('a control character in a header value: 400 naming the header, and the connection closed', async () => {
    const answer = await sendRaw(port, 'GET /api/accounts/acme/health HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toMatch(/\r\nx-request-id: [0-9a-f-]{36}\r\n/);
    const problem = JSON.parse(body);
    expect(problem).toMatchObject({
      type: 'urn:caseyos:problem:malformed-request',
      status: 400,
      errors: [{ field: 'header.x-note', messages: ['must not contain control characters such as NUL'] }],
    });
    expect(head).toContain(`x-request-id: ${problem.request_id}`);
  });

  it('a malformed request line: 400 problem+json', async () => {
    const answer = await sendRaw(port, 'GET /api/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1])).toMatchObject({ type: 'urn:caseyos:problem:malformed-request', status: 400 });
  });

  it('a request line of 8 MB, refused while the client still sends it: the 431 arrives whole, the connection is not reset', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await sendRaw(port, `GET /api/accounts/${'a'.repeat(8_000_000)}/health HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    }
  });

  it('headers too large: 431 problem+json', async () => {
    const answer = await sendRaw(port, `GET /api/accounts/acme/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1])).toMatchObject({ type: 'urn:caseyos:problem:headers-too-large', status: 431 });
  });
});
