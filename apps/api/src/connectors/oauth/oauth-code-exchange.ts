import { Client as HubSpotClient } from '@hubspot/api-client';
import { ApiException, type Middleware, type ResponseContext } from '@hubspot/api-client/lib/codegen/oauth';
import { auth as googleAuth, gmail as gmailApi } from '@googleapis/gmail';
import type { IntegrationProvider } from '@caseyos/contracts';
import { classifyConnectorError } from '../errors/classify-connector-error';
import type { ConnectorError } from '../errors/connector-errors';
import type { ProviderEndpoints } from '../provider-endpoints';
import type { NewConnection } from './integrations.service';

/** The steps of connecting an account, each of which can fail on its own. */
export type OAuthExchangeStep = 'token_exchange' | 'token_introspection' | 'profile_read';

/** Which step of connecting an account failed, and the provider's answer (classified, so safe to log and show). */
export class OAuthExchangeError extends Error {
  constructor(
    readonly step: OAuthExchangeStep,
    readonly failure: ConnectorError,
  ) {
    super(`${step}: ${failure.message}`);
    this.name = 'OAuthExchangeError';
  }
}

/** Trades an authorization code for tokens and names the account, through the official SDKs. */
export async function exchangeAuthorizationCode(endpoints: ProviderEndpoints, code: string): Promise<NewConnection> {
  return endpoints.provider === 'hubspot' ? exchangeHubSpot(endpoints, code) : exchangeGoogle(endpoints, code);
}

/** Runs one step; whatever it throws becomes an OAuthExchangeError naming the step. */
async function step<T>(provider: IntegrationProvider, name: OAuthExchangeStep, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new OAuthExchangeError(name, classifyConnectorError(provider, error));
  }
}

/** The account a HubSpot token belongs to and what it may do. */
interface HubSpotGrant {
  hubId: number;
  scopes: string[];
  hubDomain?: string;
}

/**
 * HubSpot's token answer names the hub and the granted scopes (`hub_id`, `scopes`, since August
 * 2025), so no second call is needed. The deprecated `GET /oauth/v1/access-tokens/{token}` is not
 * used: when the answer lacks them (an older answer), `POST /oauth/v3/token/introspect` says.
 */
async function exchangeHubSpot(endpoints: ProviderEndpoints, code: string): Promise<NewConnection> {
  const client = new HubSpotClient(endpoints.apiBaseUrl ? { basePath: endpoints.apiBaseUrl } : {});
  const answer = keepingRawBody();
  const tokens = await step('hubspot', 'token_exchange', () =>
    client.oauth.tokensApi.create('authorization_code', code, endpoints.redirectUri, endpoints.clientId, endpoints.clientSecret, undefined, {
      middleware: [answer.middleware],
      middlewareMergeStrategy: 'append',
    }),
  );
  const grant =
    grantIn(answer.json()) ??
    (await step('hubspot', 'token_introspection', async () => {
      const introspected = grantIn(await introspect(client, endpoints, tokens.accessToken));
      if (!introspected) throw new Error('token introspection named no hub id or scopes');
      return introspected;
    }));
  return {
    mode: endpoints.mode,
    account: grant.hubDomain ? `${grant.hubDomain} (hub ${grant.hubId})` : `hub ${grant.hubId}`,
    accountId: String(grant.hubId),
    scopes: grant.scopes,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? null,
    expiresAt: new Date(Date.now() + tokens.expiresIn * 1000),
  };
}

/**
 * The SDK (13.x) reads the token answer into a model without `hub_id` and `scopes`; this call-time
 * middleware keeps the raw JSON and hands the SDK the same text to parse.
 */
function keepingRawBody(): { middleware: Middleware; json(): unknown } {
  let text: string | undefined;
  return {
    middleware: {
      pre: async (context) => context,
      post: async (context: ResponseContext) => {
        const body = await context.body.text();
        text = body;
        context.body = { text: async () => body, binary: async () => Buffer.from(body) };
        return context;
      },
    },
    // Only read once the SDK has parsed the same text into tokens, so it is JSON.
    json: () => (text === undefined ? undefined : (JSON.parse(text) as unknown)),
  };
}

/** `hub_id` and `scopes` of a token answer or an introspection; null when either is missing. */
function grantIn(body: unknown): HubSpotGrant | null {
  const { hub_id: hubId, scopes, hub_domain: hubDomain } = (body ?? {}) as { hub_id?: unknown; scopes?: unknown; hub_domain?: unknown };
  if (typeof hubId !== 'number' || !Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) return null;
  return { hubId, scopes, ...(typeof hubDomain === 'string' && hubDomain ? { hubDomain } : {}) };
}

/** POST /oauth/v3/token/introspect: SDK 13 has no method for it, so through the SDK's own apiRequest. */
async function introspect(client: HubSpotClient, endpoints: ProviderEndpoints, accessToken: string): Promise<unknown> {
  const response = await client.apiRequest({
    method: 'POST',
    path: '/oauth/v3/token/introspect',
    defaultJson: false,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: endpoints.clientId,
      client_secret: endpoints.clientSecret,
      token: accessToken,
      token_type_hint: 'access_token',
    }).toString(),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML error page stays text, as the SDK keeps it.
  }
  if (!response.ok) throw new ApiException(response.status, 'token introspection failed', body, Object.fromEntries(response.headers.entries()));
  if ((body as { active?: unknown }).active !== true) throw new Error('token introspection says the new token is not active');
  return body;
}

async function exchangeGoogle(endpoints: ProviderEndpoints, code: string): Promise<NewConnection> {
  const auth = new googleAuth.OAuth2({
    clientId: endpoints.clientId,
    clientSecret: endpoints.clientSecret,
    redirectUri: endpoints.redirectUri,
    endpoints: { oauth2TokenUrl: endpoints.tokenUrl },
  });
  const tokens = await step('google', 'token_exchange', async () => {
    const answer = (await auth.getToken(code)).tokens;
    if (!answer.access_token) throw new Error('Google answered without an access token');
    return { ...answer, access_token: answer.access_token };
  });
  auth.setCredentials(tokens);
  const gmail = gmailApi({ version: 'v1', auth, ...(endpoints.apiBaseUrl ? { rootUrl: endpoints.apiBaseUrl } : {}) });
  const profile = await step('google', 'profile_read', () => gmail.users.getProfile({ userId: 'me' }));
  return {
    mode: endpoints.mode,
    account: profile.data.emailAddress ?? 'unknown',
    scopes: tokens.scope ? tokens.scope.split(' ') : endpoints.scopes,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
  };
}
