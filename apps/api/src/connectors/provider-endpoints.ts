import type { IntegrationProvider } from '@caseyos/contracts';
import { AppConfig } from '../platform/config/app-config';

export interface ProviderEndpoints {
  provider: IntegrationProvider;
  mode: 'sandbox' | 'real';
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** HubSpot basePath, or the Google rootUrl (with a trailing slash, as googleapis wants). */
  apiBaseUrl: string | undefined;
  redirectUri: string;
  /** The least each connector needs (docs/INTEGRATIONS.md). */
  scopes: string[];
}

export const PROVIDER_SCOPES: Record<IntegrationProvider, string[]> = {
  // Tasks are governed by the contacts scopes in HubSpot.
  hubspot: ['oauth', 'crm.objects.deals.read', 'crm.objects.contacts.read', 'crm.objects.contacts.write'],
  google: [
    'https://www.googleapis.com/auth/gmail.readonly',
    'https://www.googleapis.com/auth/gmail.compose',
    'https://www.googleapis.com/auth/calendar.events',
  ],
};

/** The sandbox accepts any client; these names make its logs readable. */
const SANDBOX_CLIENT = { id: 'caseyos-sandbox', secret: 'caseyos-sandbox-secret' };

/**
 * Where each provider lives: the real services when credentials are configured, else the
 * sandbox (SANDBOX_URL). Returns null for a provider with neither.
 */
export function providerEndpoints(config: AppConfig, provider: IntegrationProvider): ProviderEndpoints | null {
  const redirectUri = `${config.publicUrl}/api/integrations/${provider}/callback`;
  const real = provider === 'hubspot' ? config.HUBSPOT_CLIENT_ID && config.HUBSPOT_CLIENT_SECRET : config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET;
  const sandbox = config.SANDBOX_URL;
  if (!real && !sandbox) return null;
  const common = { provider, redirectUri, scopes: PROVIDER_SCOPES[provider] };
  if (provider === 'hubspot') {
    return real
      ? {
          ...common,
          mode: 'real',
          clientId: config.HUBSPOT_CLIENT_ID!,
          clientSecret: config.HUBSPOT_CLIENT_SECRET!,
          authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
          tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
          apiBaseUrl: undefined,
        }
      : {
          ...common,
          mode: 'sandbox',
          clientId: SANDBOX_CLIENT.id,
          clientSecret: SANDBOX_CLIENT.secret,
          authorizeUrl: `${sandbox}/oauth/authorize`,
          tokenUrl: `${sandbox}/oauth/v1/token`,
          apiBaseUrl: sandbox,
        };
  }
  return real
    ? {
        ...common,
        mode: 'real',
        clientId: config.GOOGLE_CLIENT_ID!,
        clientSecret: config.GOOGLE_CLIENT_SECRET!,
        authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
        tokenUrl: 'https://oauth2.googleapis.com/token',
        apiBaseUrl: undefined,
      }
    : {
        ...common,
        mode: 'sandbox',
        clientId: SANDBOX_CLIENT.id,
        clientSecret: SANDBOX_CLIENT.secret,
        authorizeUrl: `${sandbox}/o/oauth2/v2/auth`,
        tokenUrl: `${sandbox}/token`,
        apiBaseUrl: `${sandbox}/`,
      };
}
