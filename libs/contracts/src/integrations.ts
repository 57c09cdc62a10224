import type { IntegrationProvider } from './domain';

export type IntegrationStatus = 'connected' | 'needs_reconnection' | 'disconnected' | 'not_configured';

export interface IntegrationSummary {
  provider: IntegrationProvider;
  status: IntegrationStatus;
  /** sandbox: the local emulator; real: the provider's own service. */
  mode: 'sandbox' | 'real' | null;
  account: string | null;
  scopes: string[];
  connected_at: string | null;
  last_sync_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export interface IntegrationsResponse {
  sandbox: boolean;
  integrations: IntegrationSummary[];
}
