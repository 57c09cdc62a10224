import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

describe('every error is application/problem+json, never a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  const post = (path: string, body: string | undefined, contentType = 'application/json') =>
    fetch(t.baseUrl + path, {
      method: 'POST',
      headers: { ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });

  async function expectProblem(res: Response, status: number, type: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ status, type: `urn:caseyos:problem:${type}` });
    expect(problem.title).toEqual(expect.any(String));
    expect(problem.request_id).toBe(res.headers.get('x-request-id'));
    return problem;
  }

  it('unknown route: 404', async () => {
    await expectProblem(await fetch(`${t.baseUrl}/api/does-not-exist`, { headers: operatorHeaders }), 404, 'not-found');
  });

  it('malformed JSON: 400 malformed-json', async () => {
    const problem = await expectProblem(await post('/api/auth/session', '{"token": '), 400, 'malformed-json');
    expect(problem.detail).toContain('not valid JSON');
  });

  it('empty JSON body: 400 malformed-json', async () => {
    await expectProblem(await post('/api/auth/session', ''), 400, 'malformed-json');
  });

  it('unknown field: 400 naming the field', async () => {
    const problem = await expectProblem(await post('/api/auth/session', JSON.stringify({ token: 'x', admin: true })), 400, 'validation-failed');
    expect(problem.errors).toEqual([{ field: 'admin', messages: ['property admin should not exist'] }]);
  });

  it('wrong field type: 400 saying which field and why', async () => {
    const problem = await expectProblem(await post('/api/auth/session', JSON.stringify({ token: 42 })), 400, 'validation-failed');
    expect(problem.errors[0].field).toBe('token');
    expect(problem.errors[0].messages).toContain('token must be a string');
  });

  it('bad query parameter: 400', async () => {
    const res = await fetch(`${t.baseUrl}/api/audit?limit=9999`, { headers: operatorHeaders });
    const problem = await expectProblem(res, 400, 'validation-failed');
    expect(problem.errors[0].field).toBe('limit');
  });

  it('oversized body: 413', async () => {
    await expectProblem(await post('/api/auth/session', JSON.stringify({ token: 'x'.repeat(10_000) })), 413, 'body-too-large');
  });

  it('unsupported media type: 415', async () => {
    await expectProblem(await post('/api/auth/session', 'token=x', 'application/x-www-form-urlencoded'), 415, 'unsupported-media-type');
    await expectProblem(await post('/api/auth/session', 'token', 'text/plain'), 415, 'unsupported-media-type');
  });

  it('JSON that tries prototype poisoning: 400', async () => {
    await expectProblem(await post('/api/auth/session', '{"token":"x","__proto__":{"admin":true}}'), 400, 'malformed-json');
  });

  it('a burst of hostile inputs produces no 500', async () => {
    const bodies = ['[]', 'null', '"str"', '1e309', '{"token":null}', '{"token":["a"]}', '{"token":{"$ne":1}}', '\u0000', '{'.repeat(500)];
    for (const body of bodies) {
      const res = await post('/api/auth/session', body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
