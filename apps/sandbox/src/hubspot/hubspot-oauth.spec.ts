import { Client } from '@hubspot/api-client';
import type { RunningSandbox } from '../sandbox-app';
import { consent, control, failure, hubspotClient, startTestSandbox } from '../testing/sandbox-test-kit';

const APP = { clientId: 'caseyos-hubspot-app', clientSecret: 'caseyos-hubspot-secret', redirectUri: 'http://127.0.0.1:4200/api/integrations/hubspot/callback' };
const SCOPES = 'crm.objects.deals.read crm.objects.contacts.read crm.objects.contacts.write';

type OAuthFailure = { code: number; body: Record<string, unknown> };

describe('HubSpot OAuth through @hubspot/api-client', () => {
  let sandbox: RunningSandbox;
  let oauth: Client['oauth'];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ hubspotAccessTokenTtlSec: 1800 });
    // The token API needs no access token; only basePath matters.
    oauth = new Client({ basePath: sandbox.url }).oauth;
  });

  afterAll(() => sandbox.close());

  /** The consent URL a connector builds itself: the SDK's getAuthorizationUrl is fixed to app.hubspot.com. */
  async function authorize(state: string): Promise<URL> {
    const url = new URL(`${sandbox.url}/oauth/authorize`);
    url.search = new URLSearchParams({ client_id: APP.clientId, redirect_uri: APP.redirectUri, scope: SCOPES, state }).toString();
    return consent(url.toString());
  }

  async function connect() {
    const code = (await authorize('s')).searchParams.get('code') ?? '';
    return oauth.tokensApi.create('authorization_code', code, APP.redirectUri, APP.clientId, APP.clientSecret);
  }

  it('consents at once and redirects back with a code and the same state', async () => {
    const redirect = await authorize('state-123');
    expect(`${redirect.origin}${redirect.pathname}`).toBe(APP.redirectUri);
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('code')).toBeTruthy();
  });

  it('exchanges the code for tokens that work on the CRM API and describe themselves', async () => {
    const tokens = await connect();
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(tokens.refreshToken).toBeTruthy();

    const deals = await hubspotClient(sandbox, tokens.accessToken).crm.deals.searchApi.doSearch({ limit: 1 });
    expect(deals.total).toBe(15);

    const info = await oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({ hubId: 24_681_357, user: 'founder@caseyos-demo.test', tokenType: 'access' });
    expect(info.scopes).toEqual(SCOPES.split(' '));
  });

  /** The token endpoint's JSON as HubSpot sends it (the SDK's TokenResponseIF keeps only some fields). */
  async function rawTokenAnswer(): Promise<Record<string, unknown>> {
    const code = (await authorize('s')).searchParams.get('code') ?? '';
    const response = await fetch(`${sandbox.url}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: APP.redirectUri,
        client_id: APP.clientId,
        client_secret: APP.clientSecret,
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  /** POST /oauth/v3/token/introspect, as HubSpot documents it (form body, client credentials in it). */
  async function introspect(token: string, clientId = APP.clientId): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${sandbox.url}/oauth/v3/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, client_secret: APP.clientSecret, token }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('names the hub and the granted scopes in the token answer, as HubSpot has since August 2025', async () => {
    expect(await rawTokenAnswer()).toEqual({
      token_type: 'bearer',
      refresh_token: expect.stringMatching(/^hs-rt-/),
      hub_id: 24_681_357,
      scopes: SCOPES.split(' '),
      access_token: expect.stringMatching(/^hs-at-/),
      expires_in: 1800,
    });
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot_oauth', kind: 'legacy_token_response' });
    const legacy = await rawTokenAnswer();
    expect(Object.keys(legacy).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(await rawTokenAnswer()).toHaveProperty('hub_id', 24_681_357);
  });

  it('introspects access and refresh tokens through /oauth/v3/token/introspect', async () => {
    const tokens = await connect();
    const access = await introspect(tokens.accessToken);
    expect(access.status).toBe(200);
    expect(access.body).toMatchObject({
      token_use: 'access_token',
      active: true,
      token: tokens.accessToken,
      hub_id: 24_681_357,
      hub_domain: 'caseyos-demo.test',
      client_id: APP.clientId,
      scopes: SCOPES.split(' '),
      expires_in: expect.any(Number),
      user: 'founder@caseyos-demo.test',
      signed_access_token: expect.objectContaining({ hubId: 24_681_357 }),
    });
    expect(access.body.expires_in).toBeGreaterThan(1790);
    expect((await introspect(tokens.refreshToken)).body).toMatchObject({ token_use: 'refresh_token', active: true, hub_id: 24_681_357 });

    const foreign = await introspect(tokens.accessToken, 'another-app');
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ category: 'VALIDATION_ERROR', context: { token: ['Token is invalid'] } });
    expect((await introspect('hs-at-never-issued')).status).toBe(400);

    await control(sandbox, 'POST', '/_sandbox/clock', { advance_ms: 31 * 60_000 });
    expect(await introspect(tokens.accessToken)).toEqual({ status: 200, body: { active: false } });
  });

  it('grants fewer scopes when the next consent withholds some; the CRM then answers 403 MISSING_SCOPES', async () => {
    await control(sandbox, 'POST', '/_sandbox/consent', { provider: 'hubspot', withhold: ['crm.objects.contacts.read'] });
    const tokens = await connect();
    expect((await introspect(tokens.accessToken)).body.scopes).toEqual(['crm.objects.deals.read', 'crm.objects.contacts.write']);
    const denied = await failure<OAuthFailure>(hubspotClient(sandbox, tokens.accessToken).crm.contacts.basicApi.getById('101'));
    expect(denied.code).toBe(403);
    expect(denied.body).toMatchObject({ category: 'MISSING_SCOPES' });
    expect((await introspect((await connect()).accessToken)).body.scopes).toEqual(SCOPES.split(' '));
  });

  it('refuses a reused or unknown code and a mismatched redirect URI', async () => {
    const code = (await authorize('s')).searchParams.get('code') ?? '';
    const mismatch = await failure<OAuthFailure>(
      oauth.tokensApi.create('authorization_code', code, 'http://127.0.0.1:9/other', APP.clientId, APP.clientSecret),
    );
    expect(mismatch.code).toBe(400);
    expect(mismatch.body.status).toBe('BAD_REDIRECT_URI');
    const reused = await failure<OAuthFailure>(oauth.tokensApi.create('authorization_code', code, APP.redirectUri, APP.clientId, APP.clientSecret));
    expect(reused.body.status).toBe('BAD_AUTH_CODE');
  });

  it('expires access tokens with EXPIRED_AUTHENTICATION and refreshes without rotating the refresh token', async () => {
    const tokens = await connect();
    await control(sandbox, 'POST', '/_sandbox/clock', { advance_ms: 31 * 60_000 });
    const expired = await failure<OAuthFailure>(hubspotClient(sandbox, tokens.accessToken).crm.deals.searchApi.doSearch({ limit: 1 }));
    expect(expired.code).toBe(401);
    expect(expired.body).toMatchObject({ category: 'EXPIRED_AUTHENTICATION' });
    expect(String(expired.body.message)).toMatch(/^The OAuth token used to make this call expired \d+ minute\(s\) ago\.$/);

    const refreshed = await oauth.tokensApi.create('refresh_token', undefined, undefined, APP.clientId, APP.clientSecret, tokens.refreshToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    await expect(hubspotClient(sandbox, refreshed.accessToken).crm.deals.searchApi.doSearch({ limit: 1 })).resolves.toBeDefined();
  });

  it('makes an expired_token fault a real expiry that only a refresh cures', async () => {
    const tokens = await connect();
    const client = hubspotClient(sandbox, tokens.accessToken);
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'expired_token' });
    expect((await failure<OAuthFailure>(client.crm.deals.basicApi.getById('5001'))).body).toMatchObject({ category: 'EXPIRED_AUTHENTICATION' });
    expect((await failure<OAuthFailure>(client.crm.deals.basicApi.getById('5001'))).code).toBe(401);
    const refreshed = await oauth.tokensApi.create('refresh_token', undefined, undefined, APP.clientId, APP.clientSecret, tokens.refreshToken);
    await expect(hubspotClient(sandbox, refreshed.accessToken).crm.deals.basicApi.getById('5001')).resolves.toMatchObject({ id: '5001' });
  });

  it('revokes the refresh token on a hubspot_oauth expired_token fault', async () => {
    const tokens = await connect();
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot_oauth', kind: 'expired_token' });
    const refresh = () => oauth.tokensApi.create('refresh_token', undefined, undefined, APP.clientId, APP.clientSecret, tokens.refreshToken);
    const first = await failure<OAuthFailure>(refresh());
    expect(first.code).toBe(400);
    expect(first.body.status).toBe('BAD_REFRESH_TOKEN');
    expect((await failure<OAuthFailure>(refresh())).body.status).toBe('BAD_REFRESH_TOKEN');
  });

  it('still accepts the private-app token', async () => {
    await expect(hubspotClient(sandbox).crm.pipelines.pipelinesApi.getAll('deals')).resolves.toBeDefined();
  });
});
