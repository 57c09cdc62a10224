import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, Min, MinLength } from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every setting CaseyOS reads from the environment, validated once at start.
 * Defaults here are the documented ones (README "Configuration").
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(ROLES)
  ROLE: Role = 'all';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  @IsString()
  @MinLength(24, { message: 'ADMIN_TOKEN must be at least 24 characters' })
  ADMIN_TOKEN!: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_TTL_HOURS = 12;

  /** Requests per client per window on /api; generous enough for a busy dashboard and scripts. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAX = 1200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsString()
  DASHBOARD_DIST = 'dist/dashboard/browser';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  HEARTBEAT_EVERY_SECONDS = 30;

  /**
   * How long a worker's claim on a job lasts unrenewed (renewed every half of it while the job
   * runs): a job whose worker died is taken up by another this long after, at most twice that.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  JOB_LOCK_SECONDS = 30;

  /** How often the HubSpot, Gmail and Calendar pollers run. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  POLL_EVERY_SECONDS = 300;

  /** Most signals one poller run makes; the rest wait for the next run. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNAL_POLL_BATCH = 100;

  /** IANA time zone whose midnight starts "today" for the queue's finished-today counts. */
  @IsTimeZone({ message: 'TIMEZONE must be an IANA time zone such as Europe/Berlin' })
  TIMEZONE = 'UTC';

  /** How many days before a customer's renewal date the HubSpot poller raises renewal_approaching. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  RENEWAL_NOTICE_DAYS = 60;

  /** 32 bytes (64 hex characters or base64) encrypting tokens at rest; required in production. */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64' })
  ENCRYPTION_KEY?: string;

  /**
   * One more key tokens may be sealed under, during a rotation: values sealed under it still
   * open, nothing is sealed with it (docs/RUNBOOK.md, "Rotating ENCRYPTION_KEY").
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'ENCRYPTION_KEY_ACCEPTED must be 32 bytes as 64 hex characters or base64' })
  ENCRYPTION_KEY_ACCEPTED?: string;

  /**
   * The key audit pseudonyms of addresses are derived from; unset, ENCRYPTION_KEY serves. Set it
   * (to the key in use) before rotating ENCRYPTION_KEY, so an erasure keeps finding the audit
   * entries written before the rotation (docs/RUNBOOK.md, "Rotating ENCRYPTION_KEY").
   */
  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, { message: 'PSEUDONYM_KEY must be 32 bytes as 64 hex characters or base64' })
  PSEUDONYM_KEY?: string;

  /** Where browsers reach this API; OAuth redirect URIs are built from it. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'PUBLIC_URL must be an http(s) origin without a path' })
  PUBLIC_URL?: string;

  /** The local HubSpot/Google emulator; when set, both providers point at it. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'SANDBOX_URL must be an http(s) origin without a path' })
  SANDBOX_URL?: string;

  @IsOptional() @IsString() HUBSPOT_CLIENT_ID?: string;
  @IsOptional() @IsString() HUBSPOT_CLIENT_SECRET?: string;
  /** A private-app token instead of OAuth. */
  @IsOptional() @IsString() HUBSPOT_PRIVATE_APP_TOKEN?: string;
  /** Verifies X-HubSpot-Signature-v3 on webhooks; defaults to HUBSPOT_CLIENT_SECRET (the app secret). */
  @IsOptional() @IsString() HUBSPOT_WEBHOOK_SECRET?: string;
  @IsOptional() @IsString() GOOGLE_CLIENT_ID?: string;
  @IsOptional() @IsString() GOOGLE_CLIENT_SECRET?: string;

  /** JSON weight sets per domain overriding the APS defaults (see docs/APS.md). */
  @IsOptional()
  @IsString()
  APS_WEIGHTS?: string;

  /** Slack-compatible incoming webhook (JSON `{ text }`) alerts go to; alerts are off when unset (docs/RUNBOOK.md). */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'ALERT_WEBHOOK_URL must be an http(s) URL' })
  ALERT_WEBHOOK_URL?: string;

  /** A firing alert is sent again after this long while it keeps firing. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_COOLDOWN_MINUTES = 30;

  /** Failed ticks in a row of a poller (any scheduled job) that raise an alert. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_POLLER_FAILURES = 3;

  /** The commit the build was made from (the image's build argument); /health/beat shows it with the version. */
  @IsOptional()
  @Matches(/^[0-9a-f]{7,40}$/, { message: 'GIT_COMMIT must be a git commit hash' })
  GIT_COMMIT?: string;

  /**
   * Proxies in front of the API whose X-Forwarded-For is believed, so the rate limit counts each
   * client and not the proxy: a hop count (`1` behind one proxy) or their addresses and CIDRs,
   * comma-separated. Unset, the header is ignored (a client cannot pick the address it is counted as).
   */
  @IsOptional()
  @Matches(/^(\d+|[\da-fA-F:.]+(\/\d{1,3})?(\s*,\s*[\da-fA-F:.]+(\/\d{1,3})?)*)$/, {
    message: 'TRUST_PROXY must be a hop count or addresses and CIDRs, comma-separated',
  })
  TRUST_PROXY?: string;

  /** Force the Secure cookie flag; on by default in production. */
  @IsOptional()
  @IsIn(['true', 'false'])
  COOKIE_SECURE?: 'true' | 'false';

  get publicUrl(): string {
    return this.PUBLIC_URL ?? `http://localhost:${this.PORT}`;
  }

  /** Fastify's `trustProxy`: hops as a number, addresses as the list it parses itself. */
  get trustProxy(): number | string | false {
    if (!this.TRUST_PROXY) return false;
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY;
  }

  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ? this.COOKIE_SECURE === 'true' : this.NODE_ENV === 'production';
  }

  get runsHttp(): boolean {
    return this.ROLE !== 'worker';
  }

  get runsWorkers(): boolean {
    return this.ROLE !== 'api';
  }
}
