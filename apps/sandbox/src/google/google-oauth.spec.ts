import type { RunningSandbox } from '../sandbox-app';
import {
  calendarApi,
  connectGoogle,
  consent,
  control,
  failure,
  gmailApi,
  GOOGLE_SCOPES,
  googleOAuthClient,
  startTestSandbox,
} from '../testing/sandbox-test-kit';

/** What gaxios throws for non-2xx answers. */
interface GaxiosFailure {
  status?: number;
  response?: { status: number; data: Record<string, unknown>; headers: Headers };
}

describe('Google OAuth through google-auth-library', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(() => sandbox.close());

  const refreshGrants = async () => (await control(sandbox, 'GET', '/_sandbox/state')).body.google.oauth.refreshGrantsServed as number;

  it('redirects with code, state and scopes, and issues a refresh token only on first or forced consent', async () => {
    // A sandbox of its own: consents other tests gave would make this one not the first.
    const fresh = await startTestSandbox();
    try {
      const auth = googleOAuthClient(fresh);
      const redirect = await consent(auth.generateAuthUrl({ access_type: 'offline', scope: GOOGLE_SCOPES, state: 'abc' }));
      expect(redirect.searchParams.get('state')).toBe('abc');
      expect(redirect.searchParams.get('scope')).toBe(GOOGLE_SCOPES.join(' '));
      const first = await auth.getToken(redirect.searchParams.get('code') ?? '');
      expect(first.tokens).toMatchObject({ token_type: 'Bearer', scope: GOOGLE_SCOPES.join(' ') });
      expect(first.tokens.refresh_token).toBeTruthy();
      expect(first.tokens.expiry_date).toBeGreaterThan(Date.now() + 3500_000);

      const again = await consent(auth.generateAuthUrl({ access_type: 'offline', scope: GOOGLE_SCOPES }));
      expect((await auth.getToken(again.searchParams.get('code') ?? '')).tokens.refresh_token).toBeUndefined();

      const forced = await consent(auth.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: GOOGLE_SCOPES }));
      expect((await auth.getToken(forced.searchParams.get('code') ?? '')).tokens.refresh_token).toBeTruthy();
    } finally {
      await fresh.close();
    }
  });

  it('gives no refresh token without access_type=offline', async () => {
    const auth = googleOAuthClient(sandbox);
    const redirect = await consent(auth.generateAuthUrl({ prompt: 'consent', scope: GOOGLE_SCOPES }));
    expect((await auth.getToken(redirect.searchParams.get('code') ?? '')).tokens.refresh_token).toBeUndefined();
  });

  it('refreshes automatically through the sandbox token endpoint when the token has expired client-side', async () => {
    const auth = await connectGoogle(sandbox);
    const before = await refreshGrants();
    const emitted: string[] = [];
    auth.on('tokens', (tokens) => emitted.push(String(tokens.access_token)));
    const stale = auth.credentials.access_token;
    auth.setCredentials({ ...auth.credentials, expiry_date: Date.now() - 1000 });

    const profile = await gmailApi(sandbox, auth).users.getProfile({ userId: 'me' });
    expect(profile.data.emailAddress).toBe('founder@caseyos-demo.test');
    expect(emitted).toHaveLength(1);
    expect(auth.credentials.access_token).not.toBe(stale);
    expect(auth.credentials.refresh_token).toBeTruthy();
    expect(await refreshGrants()).toBe(before + 1);
  });

  it('answers a server-side expiry with 401; only a client with forceRefreshOnFailure refreshes and retries', async () => {
    const plain = await connectGoogle(sandbox);
    const forcing = await connectGoogle(sandbox, { forceRefreshOnFailure: true });
    await control(sandbox, 'POST', '/_sandbox/clock', { advance_ms: 3601_000 });

    const refused = await failure<GaxiosFailure>(gmailApi(sandbox, plain).users.getProfile({ userId: 'me' }));
    expect(refused.status).toBe(401);
    expect(refused.response?.data).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });

    const before = await refreshGrants();
    await expect(gmailApi(sandbox, forcing).users.getProfile({ userId: 'me' })).resolves.toMatchObject({ status: 200 });
    expect(await refreshGrants()).toBe(before + 1);
  });

  it('makes an expired_token fault a real expiry that the forcing client recovers from', async () => {
    const auth = await connectGoogle(sandbox, { forceRefreshOnFailure: true });
    const token = auth.credentials.access_token;
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'gmail', kind: 'expired_token' });
    await expect(gmailApi(sandbox, auth).users.getProfile({ userId: 'me' })).resolves.toMatchObject({ status: 200 });
    expect(auth.credentials.access_token).not.toBe(token);
    const info = await fetch(`${sandbox.url}/tokeninfo?access_token=${token}`);
    expect(info.status).toBe(400);
  });

  it('fails a refresh with invalid_grant after a google_oauth expired_token fault, and for unknown refresh tokens', async () => {
    const auth = await connectGoogle(sandbox);
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'google_oauth', kind: 'expired_token' });
    const revoked = await failure<GaxiosFailure>(auth.refreshAccessToken());
    expect(revoked.response?.status).toBe(400);
    expect(revoked.response?.data).toMatchObject({ error: 'invalid_grant' });
    expect((await failure<GaxiosFailure>(auth.refreshAccessToken())).response?.data).toMatchObject({ error: 'invalid_grant' });

    const stranger = googleOAuthClient(sandbox);
    stranger.setCredentials({ refresh_token: '1//not-issued' });
    expect((await failure<GaxiosFailure>(stranger.refreshAccessToken())).response?.data).toMatchObject({ error: 'invalid_grant' });
  });

  it('enforces scopes: a read-only token cannot create drafts', async () => {
    const auth = await connectGoogle(sandbox, { scopes: ['https://www.googleapis.com/auth/gmail.readonly'] });
    const gmail = gmailApi(sandbox, auth);
    await expect(gmail.users.getProfile({ userId: 'me' })).resolves.toBeDefined();
    const denied = await failure<GaxiosFailure>(gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: 'eA' } } }));
    expect(denied.status).toBe(403);
    expect(denied.response?.data).toEqual({
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service: 'gmail.googleapis.com' },
          },
        ],
      },
    });
    expect(denied.response?.headers.get('www-authenticate')).toBe(
      'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="https://mail.google.com/ https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/gmail.compose"',
    );
  });

  it('grants fewer scopes than asked when the next consent withholds some, as a person unticking them would', async () => {
    const withheld = 'https://www.googleapis.com/auth/calendar.events';
    expect((await control(sandbox, 'POST', '/_sandbox/consent', { provider: 'google', withhold: [withheld] })).status).toBe(200);
    const auth = await connectGoogle(sandbox);
    const info = await auth.getTokenInfo(auth.credentials.access_token ?? '');
    expect(info.scopes).toEqual(GOOGLE_SCOPES.filter((scope) => scope !== withheld));
    const denied = await failure<GaxiosFailure>(calendarApi(sandbox, auth).events.list({ calendarId: 'primary' }));
    expect(denied.status).toBe(403);
    expect(denied.response?.data).toMatchObject({ error: { details: [{ metadata: { service: 'calendar-json.googleapis.com' } }] } });
    // Only that one consent.
    const next = await connectGoogle(sandbox);
    expect((await next.getTokenInfo(next.credentials.access_token ?? '')).scopes).toEqual(GOOGLE_SCOPES);
    const refused = await control(sandbox, 'POST', '/_sandbox/consent', { provider: 'salesforce', withhold: [] });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual(['provider must be hubspot or google', 'withhold must be a non-empty list of scopes']);
  });

  it('reports scopes and expiry through tokeninfo', async () => {
    const auth = await connectGoogle(sandbox);
    const info = await auth.getTokenInfo(auth.credentials.access_token ?? '');
    expect(info.scopes).toEqual(GOOGLE_SCOPES);
    expect(info.email).toBe('founder@caseyos-demo.test');
  });
});
