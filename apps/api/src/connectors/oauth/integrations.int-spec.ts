import { INTEGRATION_PROVIDERS } from '@caseyos/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../platform/crypto/secret-box';
import { IntegrationsService } from './integrations.service';
import { OAuthFlowService } from './oauth-flow.service';
import { SandboxProcess } from '../../testing/sandbox-process';
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
});
