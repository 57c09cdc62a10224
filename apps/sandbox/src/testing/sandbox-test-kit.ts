import { Client } from '@hubspot/api-client';
import { calendar } from '@googleapis/calendar';
import { auth as googleAuth, gmail } from '@googleapis/gmail';
import type { OAuth2Client } from 'google-auth-library';
import { type RunningSandbox, startSandbox } from '../sandbox-app';
import type { SandboxSettings } from '../sandbox-settings';

/** A quiet sandbox on a free port: no timer, no rate limits unless a test asks for them. */
export function startTestSandbox(settings: Partial<SandboxSettings> = {}): Promise<RunningSandbox> {
  return startSandbox({
    settings: { port: 0, tickMs: 0, hubspotTenSecondLimit: 0, hubspotSearchPerSecondLimit: 0, ...settings },
  });
}

/** The control API returns loosely shaped JSON; tests assert on the parts they care about. */
export type Json = any;

/** Calls the /_sandbox control API. */
export async function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** How googleapis (gaxios) rejects a call the API refused. */
export interface GoogleApiFailure {
  status?: number;
  response?: { data: unknown };
}

/** What a call rejected with (each SDK throws its own shape, named by the caller); fails if it resolved. */
export async function failure<Failure>(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error('expected the call to fail');
}

const PRIVATE_APP_TOKEN = 'sandbox-private-app-token';

/** The HubSpot SDK exactly as a connector configures it: the sandbox URL as basePath. */
export function hubspotClient(sandbox: RunningSandbox, accessToken = PRIVATE_APP_TOKEN): Client {
  return new Client({ accessToken, basePath: sandbox.url });
}

const HUBSPOT_APP = {
  clientId: 'caseyos-hubspot-app',
  clientSecret: 'caseyos-hubspot-secret',
  redirectUri: 'http://127.0.0.1:4200/api/integrations/hubspot/callback',
};

/** A HubSpot OAuth access token holding these scopes (each test's calls count against the OAuth app's budget, apart from the private-app token's). */
export async function hubspotOAuthToken(sandbox: RunningSandbox, scopes: string[]): Promise<string> {
  const url = new URL(`${sandbox.url}/oauth/authorize`);
  url.search = new URLSearchParams({ client_id: HUBSPOT_APP.clientId, redirect_uri: HUBSPOT_APP.redirectUri, scope: scopes.join(' '), state: 's' }).toString();
  const code = (await consent(url.toString())).searchParams.get('code') ?? '';
  const { oauth } = new Client({ basePath: sandbox.url });
  return (await oauth.tokensApi.create('authorization_code', code, HUBSPOT_APP.redirectUri, HUBSPOT_APP.clientId, HUBSPOT_APP.clientSecret)).accessToken;
}

const GOOGLE_APP = {
  clientId: 'caseyos-test.apps.googleusercontent.com',
  clientSecret: 'caseyos-test-secret',
  redirectUri: 'http://127.0.0.1:4200/api/integrations/google/callback',
};

export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/gmail.compose',
  'https://www.googleapis.com/auth/calendar.events',
];

/** google-auth-library's OAuth2 client with its endpoints moved to the sandbox. */
export function googleOAuthClient(sandbox: RunningSandbox, options: { forceRefreshOnFailure?: boolean } = {}): OAuth2Client {
  return new googleAuth.OAuth2({
    ...GOOGLE_APP,
    endpoints: {
      oauth2AuthBaseUrl: `${sandbox.url}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${sandbox.url}/token`,
      oauth2RevokeUrl: `${sandbox.url}/revoke`,
      tokenInfoUrl: `${sandbox.url}/tokeninfo`,
    },
    forceRefreshOnFailure: options.forceRefreshOnFailure,
  });
}

/** Follows a consent URL one hop (the sandbox consents at once) and returns the redirect. */
export async function consent(authUrl: string): Promise<URL> {
  const response = await fetch(authUrl, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location') ?? '');
}

/** The whole authorization-code flow, leaving `auth` holding access and refresh tokens. */
export async function connectGoogle(sandbox: RunningSandbox, options: { scopes?: string[]; forceRefreshOnFailure?: boolean } = {}): Promise<OAuth2Client> {
  const auth = googleOAuthClient(sandbox, options);
  const redirect = await consent(
    auth.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: options.scopes ?? GOOGLE_SCOPES, state: 'test-state' }),
  );
  const { tokens } = await auth.getToken(redirect.searchParams.get('code') ?? '');
  auth.setCredentials(tokens);
  return auth;
}

export function gmailApi(sandbox: RunningSandbox, auth: OAuth2Client, options: { retry?: boolean } = {}) {
  return gmail({ version: 'v1', auth, rootUrl: `${sandbox.url}/`, ...options });
}

export function calendarApi(sandbox: RunningSandbox, auth: OAuth2Client) {
  return calendar({ version: 'v3', auth, rootUrl: `${sandbox.url}/` });
}
