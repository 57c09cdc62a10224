import { TEST_ADMIN_TOKEN, TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the API docs in a browser', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const open = (path: string, headers: Record<string, string>) => fetch(t.baseUrl + path, { headers, redirect: 'manual' });

  it.each([
    ['/api/docs', '/caseyos/sign-in?returnUrl=%2Fapi%2Fdocs'],
    ['/api/docs?tag=auth', '/caseyos/sign-in?returnUrl=%2Fapi%2Fdocs%3Ftag%3Dauth'],
    ['/api/docs-json', '/caseyos/sign-in?returnUrl=%2Fapi%2Fdocs-json'],
  ])('sends a browser without a session from %s to sign in and back', async (path, location) => {
    const res = await open(path, { accept: BROWSER_ACCEPT });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(location);
    // An ended or forged session is no session.
    expect((await open(path, { accept: BROWSER_ACCEPT, cookie: 'caseyos_session=forged' })).headers.get('location')).toBe(location);
  });

  it.each<[string, Record<string, string>]>([
    ['/api/docs', {}],
    ['/api/docs', { accept: 'application/json' }],
    ['/api/docs', { accept: '*/*' }],
    // The router decodes `%61` to `a`: the document is no less protected under that spelling.
    ['/%61pi/docs-json', {}],
  ])('answers an API client of %s (headers %j) 401 problem+json', async (path, headers) => {
    const res = await open(path, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { type: string }).type).toBe('urn:caseyos:problem:unauthorized');
  });

  it('opens for a signed-in browser, whose "Try it out" sends the CSRF token of the session', async () => {
    const signIn = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TEST_ADMIN_TOKEN }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await open('/api/docs', { accept: BROWSER_ACCEPT, cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-init.js');

    const init = await (await open('/api/docs/swagger-ui-init.js', { cookie })).text();
    expect(init).toMatch(/"requestInterceptor": async function addCsrfHeader/);
    expect(init).toContain("fetch('/api/auth/session'");
    expect(init).toContain("request.headers['x-csrf-token']");
  });

  it('still opens with the operator token', async () => {
    expect((await open('/api/docs', { ...operatorHeaders, accept: BROWSER_ACCEPT })).status).toBe(200);
  });
});
