import { Client as HubSpotClient } from '@hubspot/api-client';
import { auth as googleAuth, gmail as gmailApi } from '@googleapis/gmail';
import type { ProviderEndpoints } from '../provider-endpoints';
import type { NewConnection } from './integrations.service';

/** Trades an authorization code for tokens and names the account, through the official SDKs. */
export async function exchangeAuthorizationCode(endpoints: ProviderEndpoints, code: string): Promise<NewConnection> {
  return endpoints.provider === 'hubspot' ? exchangeHubSpot(endpoints, code) : exchangeGoogle(endpoints, code);
}

async function exchangeHubSpot(endpoints: ProviderEndpoints, code: string): Promise<NewConnection> {
  const client = new HubSpotClient(endpoints.apiBaseUrl ? { basePath: endpoints.apiBaseUrl } : {});
  const tokens = await client.oauth.tokensApi.create('authorization_code', code, endpoints.redirectUri, endpoints.clientId, endpoints.clientSecret);
  const info = await client.oauth.accessTokensApi.get(tokens.accessToken);
  return {
    mode: endpoints.mode,
    account: info.hubDomain ? `${info.hubDomain} (hub ${info.hubId})` : `hub ${info.hubId}`,
    accountId: String(info.hubId),
    scopes: info.scopes ?? endpoints.scopes,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? null,
    expiresAt: new Date(Date.now() + tokens.expiresIn * 1000),
  };
}

async function exchangeGoogle(endpoints: ProviderEndpoints, code: string): Promise<NewConnection> {
  const auth = new googleAuth.OAuth2({
    clientId: endpoints.clientId,
    clientSecret: endpoints.clientSecret,
    redirectUri: endpoints.redirectUri,
    endpoints: { oauth2TokenUrl: endpoints.tokenUrl },
  });
  const { tokens } = await auth.getToken(code);
  auth.setCredentials(tokens);
  const gmail = gmailApi({ version: 'v1', auth, ...(endpoints.apiBaseUrl ? { rootUrl: endpoints.apiBaseUrl } : {}) });
  const profile = await gmail.users.getProfile({ userId: 'me' });
  if (!tokens.access_token) throw new Error('Google answered without an access token');
  return {
    mode: endpoints.mode,
    account: profile.data.emailAddress ?? 'unknown',
    scopes: tokens.scope ? tokens.scope.split(' ') : endpoints.scopes,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
  };
}
