import { connect } from 'node:net';
import { DataSource } from 'typeorm';
import { signV3 } from '../../signals/webhooks/hubspot-signature';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { MAX_JSON_DEPTH, NUL_MESSAGE, SURROGATE_MESSAGE } from './input-guard';

const WEBHOOK_SECRET = 'hubspot-app-secret-for-input-guard';
const PUBLIC_URL = 'http://caseyos.test';
const WEBHOOK = '/api/webhooks/hubspot/form-submission';

describe('input the app cannot take is refused at the edge: 400 problem+json naming the field, never a 500', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp({ HUBSPOT_WEBHOOK_SECRET: WEBHOOK_SECRET, PUBLIC_URL });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  async function expectRefused(res: Response, errors: { field: string; messages: string[] }[]) {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ type: 'urn:caseyos:problem:validation-failed', status: 400, errors });
    expect(problem.request_id).toBe(res.headers.get('x-request-id'));
    return problem;
  }

  const postJson = (path: string, body: string, headers: Record<string, string> = operatorHeaders) =>
    fetch(t.baseUrl + path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });

  it.each([
    ['/api/accounts/%00/health', 'path.company'],
    ['/api/signals?contact=%00', 'query.contact'],
    ['/api/audit?action=%00', 'query.action'],
  ])('GET %s (reported answering 500): 400 naming %s', async (url, field) => {
    await expectRefused(await fetch(t.baseUrl + url, { headers: operatorHeaders }), [{ field, messages: [NUL_MESSAGE] }]);
  });

  it('is refused the same without credentials: nothing behind the edge runs', async () => {
    await expectRefused(await fetch(`${t.baseUrl}/api/signals?contact=%00`), [{ field: 'query.contact', messages: [NUL_MESSAGE] }]);
  });

  it('a header: a session cookie decoding to NUL is named; a NUL byte in a header is refused by the parser, naming the header', async () => {
    await expectRefused(await fetch(`${t.baseUrl}/api/auth/session`, { headers: { cookie: 'caseyos_session=%00' } }), [
      { field: 'cookie.caseyos_session', messages: [NUL_MESSAGE] },
    ]);

    const { port } = new URL(t.baseUrl);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /api/signals HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ errors: [{ field: 'header.x-note', messages: ['must not contain control characters such as NUL'] }] });
  });

  it('a nested JSON string (NUL, lone surrogate, in a value or a key): named by its path, nothing stored', async () => {
    const email = 'nested-nul@input-guard.test';
    const body = `{"fields":{"email":"${email}","note":"x\\u0000","\\ud800":"y"},"values":[{"name":"n","value":"\\udc00"}]}`;
    await expectRefused(await postJson(WEBHOOK, body), [
      { field: 'body.fields.note', messages: [NUL_MESSAGE] },
      { field: 'body.fields.\\ud800', messages: [`key ${SURROGATE_MESSAGE}`] },
      { field: 'body.values.0.value', messages: [SURROGATE_MESSAGE] },
    ]);
    const [{ count }] = await db.query<{ count: string }[]>('SELECT count(*) FROM signals WHERE contact_email = $1', [email]);
    expect(count).toBe('0');
  });

  it(`a body nested deeper than ${MAX_JSON_DEPTH} levels (a stack overflow in validation before): 400`, async () => {
    const depth = 100_000;
    const body = `{"kind":"note","note":"deep","extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const problem = await expectRefused(await postJson('/api/signals', body), [
      { field: `body.extra${'.0'.repeat(MAX_JSON_DEPTH - 1)}`, messages: [`nests deeper than ${MAX_JSON_DEPTH} levels`] },
    ]);
    expect(problem.errors).toHaveLength(1);
  });

  it('a path that is not percent-encoded UTF-8: 400 problem+json naming the path', async () => {
    const res = await fetch(`${t.baseUrl}/api/accounts/%ED%A0%80/health`, { headers: operatorHeaders });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: 'urn:caseyos:problem:malformed-url', errors: [{ field: 'path' }] });
  });

  it('good text in every place passes, and a signed webhook is verified over the exact bytes sent', async () => {
    const email = 'zoë.signed@input-guard.test';
    // Escapes and spacing a re-serialization would change: the signature is over these bytes.
    const body = `{ "fields": { "email": "${email}", "note": "\\u00e9t\\u00e9 🚀" } }`;
    const timestamp = String(Date.now());
    const signature = signV3(WEBHOOK_SECRET, { method: 'POST', url: `${PUBLIC_URL}${WEBHOOK}`, rawBody: body, timestamp });
    const res = await postJson(WEBHOOK, body, { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp });
    expect(res.status).toBe(202);
    const [{ note }] = await db.query<{ note: string }[]>(`SELECT payload->'fields'->>'note' AS note FROM signals WHERE contact_email = $1`, [email]);
    expect(note).toBe('été 🚀');

    const health = await fetch(`${t.baseUrl}/api/accounts/${encodeURIComponent('Zoë & Co 🚀')}/health`, { headers: operatorHeaders });
    expect(health.status).toBe(404); // no such account, and no refusal
  });
});
