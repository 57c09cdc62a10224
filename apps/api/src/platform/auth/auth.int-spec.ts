import { TEST_ADMIN_TOKEN, TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

describe('operator auth and dashboard sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const audit = (headers: Record<string, string> = {}) => fetch(`${t.baseUrl}/api/audit?limit=1`, { headers });

  it('refuses /api without credentials with a 401 problem', async () => {
    const res = await audit();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).type).toBe('urn:caseyos:problem:unauthorized');
  });

  it('refuses a wrong token', async () => {
    expect((await audit({ 'x-admin-token': 'wrong-token' })).status).toBe(401);
    expect((await audit({ authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('accepts the operator token as X-Admin-Token or a bearer token', async () => {
    expect((await audit(operatorHeaders)).status).toBe(200);
    expect((await audit({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(200);
  });

  it('signs in once, then uses an HttpOnly SameSite=Strict cookie with a CSRF token on writes', async () => {
    const signedOut = await (await fetch(`${t.baseUrl}/api/auth/session`)).json();
    expect(signedOut).toEqual({ authenticated: false, csrf_token: null, expires_at: null });

    const wrong = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'not-the-token' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const signIn = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    expect(signIn.status).toBe(201);
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^caseyos_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const session = await signIn.json();
    expect(session.authenticated).toBe(true);
    expect(session.csrf_token).toEqual(expect.any(String));
    const cookie = setCookie.split(';')[0];

    expect((await audit({ cookie })).status).toBe(200);
    const current = await (await fetch(`${t.baseUrl}/api/auth/session`, { headers: { cookie } })).json();
    expect(current).toMatchObject({ authenticated: true, csrf_token: session.csrf_token });

    const noCsrf = await fetch(`${t.baseUrl}/api/auth/session`, { method: 'DELETE', headers: { cookie } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.headers.get('content-type')).toContain('application/problem+json');
    const badCsrf = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': 'forged' },
    });
    expect(badCsrf.status).toBe(403);
    expect((await audit({ cookie })).status).toBe(200);

    const signOut = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': session.csrf_token },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/caseyos_session=;/);
    expect((await audit({ cookie })).status).toBe(401);
  });

  it('protects the API docs and metrics, and documents the auth schemes', async () => {
    expect((await fetch(`${t.baseUrl}/api/docs-json`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    const docs = await (await fetch(`${t.baseUrl}/api/docs-json`, { headers: operatorHeaders })).json();
    expect(Object.keys(docs.components.securitySchemes).sort()).toEqual(['operator-bearer', 'operator-token', 'session']);
    expect(docs.paths['/api/audit'].get).toBeDefined();
    expect(docs.paths['/ready'].get.security).toEqual([]);
    expect(docs.paths['/api/audit'].get.security).toBeUndefined();
    expect(docs.security).toHaveLength(3);
    const ui = await fetch(`${t.baseUrl}/api/docs`, { headers: operatorHeaders });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('serves Prometheus metrics with HTTP latency and queue depths', async () => {
    await fetch(`${t.baseUrl}/health`);
    const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/caseyos_http_request_duration_seconds_bucket\{.*route="\/health".*status_code="200"/);
    expect(text).toMatch(/caseyos_queue_jobs\{queue="platform",state="waiting"\}/);
  });
});
