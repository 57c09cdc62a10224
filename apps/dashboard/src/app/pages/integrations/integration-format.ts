import { IntegrationProvider, IntegrationStatus, IntegrationSummary } from '@caseyos/contracts';

export interface ProviderInfo {
  name: string;
  /** What CaseyOS uses the account for. */
  purpose: string;
  /** What to configure for the real service (docs/INTEGRATIONS.md). */
  setup: string;
}

export const PROVIDERS: Record<IntegrationProvider, ProviderInfo> = {
  hubspot: {
    name: 'HubSpot',
    purpose: 'Deal changes become signals; moves create HubSpot tasks.',
    setup: 'Set HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET (or HUBSPOT_PRIVATE_APP_TOKEN), or run in sandbox mode.',
  },
  google: {
    name: 'Google',
    purpose: 'Gmail replies and Calendar meetings become signals; moves draft emails and book meetings.',
    setup: 'Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or run in sandbox mode.',
  },
};

export const STATUS_LABELS: Record<IntegrationStatus, string> = {
  connected: 'Connected',
  needs_reconnection: 'Needs reconnection',
  disconnected: 'Disconnected',
  not_configured: 'Not configured',
};

// Plain words for the scopes we ask for; anything else shows as the provider names it.
const SCOPE_LABELS: Partial<Record<string, string>> = {
  oauth: 'OAuth app',
  'crm.objects.deals.read': 'Read deals',
  'crm.objects.contacts.read': 'Read contacts',
  'crm.objects.contacts.write': 'Write contacts and tasks',
  'gmail.readonly': 'Read Gmail',
  'gmail.compose': 'Draft emails',
  'calendar.events': 'Calendar events',
};

const GOOGLE_SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

export interface ScopeLabel {
  /** The scope as granted, for the tooltip. */
  scope: string;
  label: string;
}

export function scopeLabel(scope: string): ScopeLabel {
  const short = scope.startsWith(GOOGLE_SCOPE_PREFIX) ? scope.slice(GOOGLE_SCOPE_PREFIX.length) : scope;
  return { scope, label: SCOPE_LABELS[short] ?? short };
}

export type ConnectAction = { kind: 'connect' | 'reconnect'; enabled: boolean } | null;

/** Which button brings the account (back) into use; none while it is connected. */
export function connectAction(summary: IntegrationSummary): ConnectAction {
  switch (summary.status) {
    case 'connected':
      return null;
    case 'needs_reconnection':
      return { kind: 'reconnect', enabled: true };
    case 'disconnected':
      return { kind: 'connect', enabled: true };
    case 'not_configured':
      return { kind: 'connect', enabled: false };
  }
}

/** A connected account, or one whose tokens are still stored, can be disconnected. */
export function canDisconnect(summary: IntegrationSummary): boolean {
  return summary.status === 'connected' || summary.status === 'needs_reconnection';
}
