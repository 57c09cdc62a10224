import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { loadSettings } from '../platform/config/load-config';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export const SEND_UPDATES = ['all', 'externalOnly', 'none'] as const;
export type SendUpdates = (typeof SEND_UPDATES)[number];

/**
 * How the connectors pace, retry and bound their calls (docs/INTEGRATIONS.md). Read from the
 * environment once at start; defaults stay under HubSpot's and Google's documented limits.
 */
export class ConnectorSettings {
  /** Calls per rolling 10 s from this process (HubSpot: 100 for private apps on Free/Starter, 110 for OAuth apps). */
  @Transform(toInt) @IsInt() @Min(1) HUBSPOT_REQUESTS_PER_10S = 100;

  /** CRM search calls per second (HubSpot allows 5 per account). */
  @Transform(toInt) @IsInt() @Min(1) HUBSPOT_SEARCH_REQUESTS_PER_SECOND = 4;

  @Transform(toInt) @IsInt() @Min(1) @Max(200) HUBSPOT_SEARCH_PAGE_SIZE = 200;

  /** HubSpot's search refuses to page past this many results; the deal sync moves its window first. */
  @Transform(toInt) @IsInt() @Min(1) HUBSPOT_SEARCH_RESULT_CAP = 10_000;

  /** Pages one deal sync reads at most; the rest waits for the next poll. */
  @Transform(toInt) @IsInt() @Min(1) HUBSPOT_SYNC_MAX_PAGES = 100;

  @Transform(toInt) @IsInt() @Min(0) HUBSPOT_PIPELINES_TTL_SECONDS = 600;

  /** Retries of one call after a 429, or after a 5xx/network error when the call is safe to repeat. */
  @Transform(toInt) @IsInt() @Min(0) @Max(10) CONNECTOR_MAX_RETRIES = 3;

  /** Longest total wait across those retries; a longer Retry-After fails at once with a rate-limit error. */
  @Transform(toInt) @IsInt() @Min(0) CONNECTOR_MAX_RETRY_WAIT_MS = 30_000;

  /** First backoff step after a transient error (doubles each retry). */
  @Transform(toInt) @IsInt() @Min(1) CONNECTOR_RETRY_BASE_MS = 500;

  @Transform(toInt) @IsInt() @Min(100) CONNECTOR_TIMEOUT_MS = 30_000;

  /** How far back a Gmail full sync looks when its history id is too old. */
  @Transform(toInt) @IsInt() @Min(1) GMAIL_FULL_SYNC_DAYS = 7;

  @Transform(toInt) @IsInt() @Min(1) GMAIL_FULL_SYNC_MAX_MESSAGES = 500;

  /** How far back a Calendar full sync looks when its sync token has expired. */
  @Transform(toInt) @IsInt() @Min(1) CALENDAR_FULL_SYNC_DAYS = 30;

  /** Who Google emails about events we insert or cancel, unless a call says otherwise. */
  @IsIn(SEND_UPDATES) CALENDAR_SEND_UPDATES: SendUpdates = 'all';

  @Transform(toInt) @IsInt() @Min(0) GOOGLE_SEND_AS_TTL_SECONDS = 3600;
}

export function loadConnectorSettings(env: NodeJS.ProcessEnv): ConnectorSettings {
  return loadSettings(ConnectorSettings, env);
}
