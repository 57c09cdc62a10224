import { Server, createServer } from 'node:http';
import { describeFailure, fuzzApi, summarize } from './openapi-fuzzer';

const TOKEN = 'fuzz-spec-token';

const DOCUMENT = {
  openapi: '3.0.0',
  paths: {
    '/ok': { get: { parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }] } },
    '/boom/{id}': {
      post: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
      },
    },
    '/drop': { get: {} },
    '/slow': { get: {} },
    '/stream': { get: {} },
  },
  components: { schemas: { Thing: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } }, required: ['name'] } } },
};

/** A server with one failure of each kind the fuzzer must catch, and two answers it must accept. */
function flawedServer(): Server {
  return createServer((request, response) => {
    const url = request.url ?? '';
    request.resume();
    if (url.startsWith('/api/docs-json')) {
      if (request.headers['x-admin-token'] !== TOKEN) return response.writeHead(401).end();
      return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(DOCUMENT));
    }
    if (url.startsWith('/boom')) return response.writeHead(500, { 'content-type': 'application/json' }).end('{"oops":true}');
    if (url.startsWith('/drop')) return request.socket.destroy();
    if (url.startsWith('/slow')) return; // never answers
    if (url.startsWith('/stream')) return response.writeHead(200, { 'content-type': 'text/event-stream' }).write(': hello\n\n'); // never ends
    response.writeHead(url.startsWith('/ok') ? 200 : 404, { 'content-type': 'application/json' }).end('{"id":"4a7c2e2e-7f0e-4f6a-9a53-0d5f3c1b2a10"}');
  });
}

describe('fuzzApi', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = flawedServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends every operation its share and reports each 5xx, dropped connection and hang with its request', async () => {
    const report = await fuzzApi({ baseUrl, operatorToken: TOKEN, runs: 25, seed: 42, timeoutMs: 300 });

    expect(Object.keys(report.statuses).sort()).toEqual(['GET /drop', 'GET /ok', 'GET /slow', 'GET /stream', 'POST /boom/{id}']);
    for (const counts of Object.values(report.statuses)) expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(5);
    expect(report.sent).toBeGreaterThanOrEqual(25);

    const failed = new Set(report.failures.map((failure) => failure.operation));
    expect([...failed].sort()).toEqual(['GET /drop', 'GET /slow', 'POST /boom/{id}']);
    const outcomes = (operation: string) =>
      new Set(report.failures.filter((failure) => failure.operation === operation).map((failure) => failure.outcome.split(':')[0]));
    expect(outcomes('POST /boom/{id}')).toEqual(new Set(['answered 500']));
    expect(outcomes('GET /drop')).toEqual(new Set(['connection dropped']));
    expect(outcomes('GET /slow')).toEqual(new Set(['no whole answer in time']));
    // The stream was judged by its head and let go, not waited on.
    expect(report.statuses['GET /stream']['200']).toBeGreaterThan(0);
  });

  it('prints a failure as it was sent, the operator token masked, with the seed to replay it', async () => {
    const report = await fuzzApi({ baseUrl, operatorToken: TOKEN, runs: 5, seed: 7, timeoutMs: 300 });
    const boom = report.failures.find((failure) => failure.operation === 'POST /boom/{id}' && failure.origin !== 'warm-up')!;
    const text = describeFailure(boom, TOKEN);
    expect(text).toContain('POST /boom/{id}: answered 500 (seed 7, round 0, sample');
    expect(text).toMatch(/\n {2}[A-Z]+ \/boom\//);
    expect(text).toContain('answer: {"oops":true}');
    expect(text).not.toContain(TOKEN);
    expect(summarize(report)).toMatch(/^\d+ requests over 5 operations \(seed 7\), \d+ failures/);
  });

  it('draws the same requests from the same seed', async () => {
    const targets = async () =>
      (await fuzzApi({ baseUrl, operatorToken: TOKEN, runs: 10, seed: 99, timeoutMs: 300 })).failures.map((failure) => failure.request.target);
    expect(await targets()).toEqual(await targets());
  });
});
