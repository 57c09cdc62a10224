/** Everything that shapes the sandbox's behaviour; read from the environment by main.ts. */
export interface SandboxSettings {
  host: string;
  port: number;
  /** Seed of the generated company world; the same seed builds the same contacts, deals and mail. */
  seed: number;
  /** Interval of the background activity generator in ms; 0 disables it. */
  tickMs: number;
  hubspotPrivateAppToken: string;
  hubspotAccessTokenTtlSec: number;
  /** HubSpot's search stops at 10,000 results; tests lower it to reach the cap with a few deals. */
  hubspotSearchResultCap: number;
  /** Requests per rolling 10 s per token kind (OAuth 110, as HubSpot's OAuth apps); 0 disables. */
  hubspotTenSecondLimit: number;
  /** CRM search requests per second (HubSpot: 5 per account); 0 disables. */
  hubspotSearchPerSecondLimit: number;
  googleAccessTokenTtlSec: number;
  /** How many Gmail history records are kept; older start ids get Gmail's 404. */
  gmailHistoryRetention: number;
}

export const DEFAULT_SETTINGS: SandboxSettings = {
  host: '127.0.0.1',
  port: 3900,
  seed: 42,
  tickMs: 60_000,
  hubspotPrivateAppToken: 'sandbox-private-app-token',
  hubspotAccessTokenTtlSec: 1800,
  hubspotSearchResultCap: 10_000,
  hubspotTenSecondLimit: 110,
  hubspotSearchPerSecondLimit: 5,
  googleAccessTokenTtlSec: 3600,
  gmailHistoryRetention: 500,
};

/** Settings that PATCH /_sandbox/settings may change while the sandbox runs. */
export const TUNABLE_SETTINGS = [
  'hubspotAccessTokenTtlSec',
  'hubspotSearchResultCap',
  'hubspotTenSecondLimit',
  'hubspotSearchPerSecondLimit',
  'googleAccessTokenTtlSec',
  'gmailHistoryRetention',
] as const;

type TunableSetting = (typeof TUNABLE_SETTINGS)[number];

const ENV_NAMES: Record<Exclude<keyof SandboxSettings, 'host' | 'hubspotPrivateAppToken'>, string> = {
  port: 'SANDBOX_PORT',
  seed: 'SANDBOX_SEED',
  tickMs: 'SANDBOX_TICK_MS',
  hubspotAccessTokenTtlSec: 'SANDBOX_HUBSPOT_TOKEN_TTL_SEC',
  hubspotSearchResultCap: 'SANDBOX_HUBSPOT_SEARCH_CAP',
  hubspotTenSecondLimit: 'SANDBOX_HUBSPOT_RATE_LIMIT',
  hubspotSearchPerSecondLimit: 'SANDBOX_HUBSPOT_SEARCH_RATE_LIMIT',
  googleAccessTokenTtlSec: 'SANDBOX_GOOGLE_TOKEN_TTL_SEC',
  gmailHistoryRetention: 'SANDBOX_GMAIL_HISTORY_RETENTION',
};

export function settingsFromEnv(env: NodeJS.ProcessEnv): SandboxSettings {
  const settings: SandboxSettings = { ...DEFAULT_SETTINGS };
  settings.host = env.SANDBOX_HOST || settings.host;
  settings.hubspotPrivateAppToken = env.SANDBOX_HUBSPOT_PRIVATE_APP_TOKEN || settings.hubspotPrivateAppToken;
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof typeof ENV_NAMES, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    settings[key] = value;
  }
  return settings;
}

/** Applies a runtime patch of tunable settings; returns the problems instead of applying any. */
export function patchSettings(settings: SandboxSettings, patch: unknown): string[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return ['body must be a JSON object'];
  const entries = Object.entries(patch);
  const problems = entries.flatMap(([key, value]) => {
    if (!(TUNABLE_SETTINGS as readonly string[]).includes(key)) return [`${key} is not a tunable setting`];
    if (!Number.isInteger(value) || (value as number) < 0) return [`${key} must be a non-negative integer`];
    return [];
  });
  if (problems.length === 0) {
    for (const [key, value] of entries) settings[key as TunableSetting] = value as number;
  }
  return problems;
}
