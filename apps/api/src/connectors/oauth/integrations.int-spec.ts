import { INTEGRATION_PROVIDERS, type IntegrationProvider } from '@caseyos/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../platform/crypto/secret-box';
import { CalendarConnector } from '../google/calendar.connector';
import { HubSpotConnector } from '../hubspot/hubspot.connector';
import { IntegrationsService } from './integrations.service';
import { OAuthFlowService } from './oauth-flow.service';
import { SandboxControl } from '../../testing/sandbox-control';
import { SandboxProcess } from '../../testing/sandbox-process';
import { StdoutCapture } from '../../testing/stdout-capture';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';

describe('connecting accounts through OAuth (sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;

  const startApp = () => startTestApp({ SANDBOX_URL: sandbox.url, PUBLIC_URL: 'http://caseyos.test' });

  beforeAll(async () => {
    sandbox = await SandboxProcess.start();
    t = await startApp();
  });
  // Every test starts with both providers connected, whatever an earlier test did to them.
  beforeEach(async () => {
    for (const provider of INTEGRATION_PROVIDERS) await t.app.get(OAuthFlowService).connectThroughSandbox(provider);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  const board = async () => (await (await fetch(`${t.baseUrl}/api/integrations`, { headers: operatorHeaders })).json()).integrations;
  const providerStatus = async (provider: string) => (await board()).find((entry: { provider: string }) => entry.provider === provider);
  const control = () => new SandboxControl(sandbox.url);

  /** Connects as a person in a browser would: Connect, consent at the provider, back to the callback. */
  const connectAsAPerson = async (app: TestApp, provider: IntegrationProvider): Promise<{ callback: Response; code: string }> => {
    const start = await fetch(`${app.baseUrl}/api/integrations/${provider}/connect`, { headers: operatorHeaders, redirect: 'manual' });
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    const back = new URL((await fetch(start.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!);
    const code = back.searchParams.get('code')!;
    const callback = await fetch(`${app.baseUrl}/api/integrations/${provider}/callback${back.search}`, { redirect: 'manual', headers: { cookie } });
    return { callback, code };
  };

  it('connects both providers through the same flow at start-up in sandbox mode, every start', async () => {
    await t.app.get(DataSource).query('TRUNCATE integrations');
    const started = await startApp();
    const body = await fetch(`${started.baseUrl}/api/integrations`, { headers: operatorHeaders })
      .then((res) => res.json())
      .finally(() => started.close());
    expect(body.sandbox).toBe(true);
    expect(body.integrations).toEqual([
      expect.objectContaining({ provider: 'hubspot', status: 'connected', mode: 'sandbox', account: expect.stringContaining('hub') }),
      expect.objectContaining({ provider: 'google', status: 'connected', mode: 'sandbox', account: expect.stringContaining('@') }),
    ]);
    expect(body.integrations[1].scopes).toEqual([
      'https://www.googleapis.com/auth/gmail.readonly',
      'https://www.googleapis.com/auth/gmail.compose',
      'https://www.googleapis.com/auth/calendar.events',
    ]);
  });

  it('stores tokens only sealed', async () => {
    const rows: { access_token_sealed: string; refresh_token_sealed: string }[] = await t.app
      .get(DataSource)
      .query('SELECT access_token_sealed, refresh_token_sealed FROM integrations');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.access_token_sealed).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
      expect(row.refresh_token_sealed).toMatch(/^v1:/);
    }
  });

  it('disconnects, then reconnects end to end: connect -> consent -> callback with state and binding cookie', async () => {
    const disconnected = await fetch(`${t.baseUrl}/api/integrations/hubspot`, { method: 'DELETE', headers: operatorHeaders });
    expect(disconnected.status).toBe(204);
    expect(await providerStatus('hubspot')).toMatchObject({ status: 'disconnected', account: null });

    const start = await fetch(`${t.baseUrl}/api/integrations/hubspot/connect`, { headers: operatorHeaders, redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(sandbox.url);
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://caseyos.test/api/integrations/hubspot/callback');
    expect(authorize.searchParams.get('scope')).toBe('oauth crm.objects.deals.read crm.objects.contacts.read crm.objects.contacts.write');
    const bindingCookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    expect(bindingCookie).toMatch(/^caseyos_oauth_binding=/);
    expect(start.headers.get('set-cookie')).toMatch(/SameSite=Lax/);

    const consent = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const code = back.searchParams.get('code')!;
    const state = back.searchParams.get('state')!;
    expect(state).toBe(authorize.searchParams.get('state'));

    const callback = (query: string, cookie?: string) =>
      fetch(`${t.baseUrl}/api/integrations/hubspot/callback?${query}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

    const wrongState = await callback(`code=${code}&state=forged-state`, bindingCookie);
    expect(wrongState.status).toBe(400);
    expect(wrongState.headers.get('content-type')).toContain('application/problem+json');
    expect((await wrongState.json()).type).toBe('urn:caseyos:problem:oauth-state-invalid');
    expect((await providerStatus('hubspot')).status).toBe('disconnected');
    // A browser is sent back to the dashboard with the reason instead.
    const inBrowser = await fetch(`${t.baseUrl}/api/integrations/hubspot/callback?code=${code}&state=forged-state`, {
      redirect: 'manual',
      headers: { cookie: bindingCookie, accept: 'text/html,application/xhtml+xml' },
    });
    expect(inBrowser.status).toBe(302);
    expect(inBrowser.headers.get('location')).toMatch(/^\/caseyos\/integrations\?error=hubspot%3A%20The%20sign-in%20link/);

    // The right state from another browser (no binding cookie) is refused too, and burns the state.
    const noCookie = await callback(`code=${code}&state=${state}`);
    expect(noCookie.status).toBe(400);
    expect((await callback(`code=${code}&state=${state}`, bindingCookie)).status).toBe(400);

    const again = await fetch(`${t.baseUrl}/api/integrations/hubspot/connect`, { headers: operatorHeaders, redirect: 'manual' });
    const cookie = (again.headers.get('set-cookie') ?? '').split(';')[0];
    const back2 = new URL((await fetch(again.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!);
    const ok = await callback(`code=${back2.searchParams.get('code')}&state=${back2.searchParams.get('state')}`, cookie);
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/caseyos/integrations?connected=hubspot');
    expect(await providerStatus('hubspot')).toMatchObject({ status: 'connected', mode: 'sandbox' });

    // A state works once.
    expect((await callback(`code=${back2.searchParams.get('code')}&state=${back2.searchParams.get('state')}`, cookie)).status).toBe(400);
  });

  it('does not let a refusal of the old credentials mark a connection made since', async () => {
    const integrations = t.app.get(IntegrationsService);
    const { connected_at } = await providerStatus('hubspot');
    // A call that started before the (re)connection failed after it: the new tokens are fine.
    await integrations.markNeedsReconnection('hubspot', 'old token refused', new Date(Date.parse(connected_at) - 1000));
    expect(await providerStatus('hubspot')).toMatchObject({ status: 'connected' });
    // One that started after it means the current credentials were refused.
    await integrations.markNeedsReconnection('hubspot', 'current token refused', new Date());
    expect(await providerStatus('hubspot')).toMatchObject({ status: 'needs_reconnection', last_error: 'current token refused' });
  });

  it('asks for reconnection when stored tokens were sealed under another key', async () => {
    const foreign = SecretBox.fromKey(randomBytes(32).toString('hex')).seal('token-from-another-install');
    await t.app.get(DataSource).query(`UPDATE integrations SET access_token_sealed = $1 WHERE provider = 'google'`, [foreign]);
    expect(await t.app.get(IntegrationsService).tokens('google')).toBeNull();
    expect(await providerStatus('google')).toMatchObject({ status: 'needs_reconnection', last_error: expect.stringContaining('ENCRYPTION_KEY') });
  });

  it('sends a provider error back to the dashboard', async () => {
    const res = await fetch(`${t.baseUrl}/api/integrations/google/callback?error=access_denied&state=x`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/caseyos/integrations?error=google%3A%20access_denied');
  });

  it('knows only its providers and needs the operator to connect or disconnect', async () => {
    expect((await fetch(`${t.baseUrl}/api/integrations/salesforce/connect`, { headers: operatorHeaders, redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/integrations/hubspot/connect`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/integrations/hubspot`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/integrations`)).status).toBe(401);
  });

  it('says which step of connecting failed, in the problem and the log, without a secret in either', async () => {
    const logs = StdoutCapture.start();
    let logged: TestApp | undefined;
    try {
      logged = await startTestApp({ SANDBOX_URL: sandbox.url, PUBLIC_URL: 'http://caseyos.test', LOG_LEVEL: 'info', ROLE: 'api' });
      const connectedAt = (await providerStatus('google')).connected_at;

      // Google takes the code, then the Gmail profile cannot be read (googleapis retries a GET three times).
      await control().fault({ service: 'gmail', kind: 'server_error', status: 503, route: 'GET /gmail/v1/users/:userId/profile', times: 10 });
      const profile = await connectAsAPerson(logged, 'google');
      await control().clearFaults();
      expect(profile.callback.status).toBe(502);
      expect(profile.callback.headers.get('content-type')).toContain('application/problem+json');
      expect(await profile.callback.json()).toMatchObject({
        type: 'urn:caseyos:problem:oauth-exchange-failed',
        detail: 'google accepted the authorization code, but reading the Gmail profile failed (503 backendError); connect again.',
        oauth_step: 'profile_read',
        provider_status: 503,
        provider_reason: 'backendError',
      });
      // The connection made before is left as it was.
      expect(await providerStatus('google')).toMatchObject({ status: 'connected', connected_at: connectedAt });

      await control().fault({ service: 'google_oauth', kind: 'server_error', status: 500, times: 10 });
      const token = await connectAsAPerson(logged, 'google');
      await control().clearFaults();
      expect(token.callback.status).toBe(502);
      expect(await token.callback.json()).toMatchObject({
        detail: 'google did not accept the authorization code (500 backendError).',
        oauth_step: 'token_exchange',
        provider_status: 500,
      });

      const failures = logs.text
        .split('\n')
        .filter((line) => line.includes('"event":"oauth_exchange_failed"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(failures).toEqual([
        expect.objectContaining({ provider: 'google', step: 'profile_read', error: 'google: 503 backendError: The service is currently unavailable.' }),
        expect.objectContaining({ provider: 'google', step: 'token_exchange', error: expect.stringMatching(/^google: 500 backendError/) }),
      ]);
      for (const secret of [profile.code, token.code, 'caseyos-sandbox-secret', 'ya29.sandbox-', '1//sandbox-']) expect(logs.text).not.toContain(secret);
    } finally {
      logs.stop();
      await control().clearFaults();
      await logged?.close();
    }
  });

  it("takes HubSpot's hub id and scopes from the token answer, without the deprecated access-token lookup", async () => {
    // Were the deprecated GET /oauth/v1/access-tokens/{token} called, it would take this fault.
    await control().fault({ service: 'hubspot_oauth', kind: 'server_error', route: 'GET /oauth/v1/access-tokens/:token' });
    await t.app.get(OAuthFlowService).connectThroughSandbox('hubspot');
    expect((await control().state()).faults.pending).toHaveLength(1);
    await control().clearFaults();
    expect(await providerStatus('hubspot')).toMatchObject({
      status: 'connected',
      account: 'hub 24681357',
      scopes: ['oauth', 'crm.objects.deals.read', 'crm.objects.contacts.read', 'crm.objects.contacts.write'],
    });
    const [row] = await t.app.get(DataSource).query(`SELECT account_id FROM integrations WHERE provider = 'hubspot'`);
    expect(row.account_id).toBe('24681357');
  });

  it('introspects the token when the token answer names no hub, and says so when that fails', async () => {
    await control().withholdAtNextConsent('hubspot', ['crm.objects.contacts.write']);
    await control().fault({ service: 'hubspot_oauth', kind: 'legacy_token_response' });
    await t.app.get(OAuthFlowService).connectThroughSandbox('hubspot');
    expect(await providerStatus('hubspot')).toMatchObject({
      status: 'connected',
      account: 'caseyos-demo.test (hub 24681357)',
      scopes: ['oauth', 'crm.objects.deals.read', 'crm.objects.contacts.read'],
    });

    await control().fault({ service: 'hubspot_oauth', kind: 'legacy_token_response' });
    await control().fault({ service: 'hubspot_oauth', kind: 'server_error', status: 503, route: 'POST /oauth/v3/token/introspect' });
    await expect(t.app.get(OAuthFlowService).connectThroughSandbox('hubspot')).rejects.toMatchObject({
      status: 502,
      message: 'hubspot accepted the authorization code, but reading which account and scopes the token has failed (503 SERVICE_UNAVAILABLE); connect again.',
      extra: { oauth_step: 'token_introspection', provider_status: 503, provider_reason: 'SERVICE_UNAVAILABLE' },
    });
  });

  it('asks for reconnection when a provider refuses a call for a scope the token was not granted, as for a refused token', async () => {
    await control().withholdAtNextConsent('google', ['https://www.googleapis.com/auth/calendar.events']);
    await t.app.get(OAuthFlowService).connectThroughSandbox('google');
    expect((await providerStatus('google')).scopes).toEqual([
      'https://www.googleapis.com/auth/gmail.readonly',
      'https://www.googleapis.com/auth/gmail.compose',
    ]);
    await expect(t.app.get(CalendarConnector).listChanges()).rejects.toMatchObject({ kind: 'auth', needsReconnection: true, status: 403 });
    expect(await providerStatus('google')).toMatchObject({ status: 'needs_reconnection', last_error: expect.stringContaining('insufficientPermissions') });

    await control().withholdAtNextConsent('hubspot', ['crm.objects.deals.read']);
    await t.app.get(OAuthFlowService).connectThroughSandbox('hubspot');
    await expect(t.app.get(HubSpotConnector).searchDealsModifiedSince()).rejects.toMatchObject({
      kind: 'auth',
      needsReconnection: true,
      reason: 'MISSING_SCOPES',
    });
    expect(await providerStatus('hubspot')).toMatchObject({ status: 'needs_reconnection', last_error: expect.stringContaining('MISSING_SCOPES') });

    // Connecting again with every scope granted is the way back.
    await t.app.get(OAuthFlowService).connectThroughSandbox('google');
    await expect(t.app.get(CalendarConnector).listChanges()).resolves.toMatchObject({ fullSync: true });
    expect(await providerStatus('google')).toMatchObject({ status: 'connected' });
  });
});
