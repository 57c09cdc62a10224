import 'reflect-metadata';
import { ACTION_TYPES, ActionType, OUTREACH_ACTION_TYPES } from '@caseyos/contracts';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigError, loadSettings } from '../platform/config/load-config';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Outbound actions per action type per hour unless EXECUTION_LIMITS_PER_HOUR says otherwise. */
export const DEFAULT_LIMITS_PER_HOUR: Readonly<Record<ActionType, number>> = {
  send_email: 10,
  renewal_outreach: 10,
  onboarding_follow_up: 10,
  book_meeting: 10,
  create_task: 60,
  risk_escalation: 30,
  cs_health_check: 30,
  content_repurpose: 30,
  social_post: 30,
  newsletter_draft: 10,
  asset_create: 30,
};

/**
 * Actions that reach the contact (a draft addressed to them, a meeting invitation) and so count
 * against the per-contact weekly cap; tasks and assets stay inside the team.
 */
export const CONTACT_TOUCHES: readonly ActionType[] = OUTREACH_ACTION_TYPES;

/** How executions are bounded (docs/EXECUTION.md), read from the environment once at start. */
export class ExecutionSettings {
  /** Whole-execution deadline (retries included); the provider call is aborted when it passes. */
  @Transform(toInt) @IsInt() @Min(1) @Max(600) EXECUTION_TIMEOUT_SECONDS = 30;

  /** Retries after a transient failure (429, 5xx, network); a 4xx is never retried. */
  @Transform(toInt) @IsInt() @Min(0) @Max(10) EXECUTION_MAX_RETRIES = 3;

  /** First backoff step (exponential with decorrelated jitter after it). */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_RETRY_BASE_MS = 500;

  /** Consecutive failed executions of one action type that open its circuit breaker. */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_BREAKER_FAILURES = 5;

  /** How long an open breaker fails fast before letting one trial execution through. */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_BREAKER_OPEN_SECONDS = 60;

  /** Overrides of DEFAULT_LIMITS_PER_HOUR, e.g. "send_email=20,create_task=100". */
  @IsString()
  @Matches(/^$|^\s*[a-z_]+\s*=\s*\d+\s*(,\s*[a-z_]+\s*=\s*\d+\s*)*$/, { message: 'EXECUTION_LIMITS_PER_HOUR must look like send_email=10,create_task=60' })
  EXECUTION_LIMITS_PER_HOUR = '';

  /** Executions that reach one contact per rolling 7 days (CONTACT_TOUCHES). */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_CONTACT_TOUCHES_PER_WEEK = 2;

  /** How long an Idempotency-Key is remembered (in Postgres; Redis is only the fast path). */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 30) IDEMPOTENCY_KEY_TTL_HOURS = 24;

  /** How often queued executions are started and timed-out ones checked for stray effects. */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_SWEEP_SECONDS = 15;

  /**
   * How long past its deadline a `running` execution is still left to the process running it (to
   * record its end) before the sweep, or a worker that took its job over, settles it.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) EXECUTION_RECOVERY_GRACE_SECONDS = 60;

  /** How long after a timeout the sweep keeps looking for an object the aborted call made late. */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_RECONCILE_MINUTES = 15;

  /** Dry runs (one per opened execute dialog) are kept this long, then forgotten by the sweep. */
  @Transform(toInt) @IsInt() @Min(1) EXECUTION_DRY_RUN_RETENTION_DAYS = 30;

  /** When book_meeting may place a meeting, in TIMEZONE. */
  @IsString() WORKING_HOURS = 'Mon-Fri 09:00-17:00';

  /** Per action type per hour, defaults merged with EXECUTION_LIMITS_PER_HOUR. */
  get limitsPerHour(): Record<ActionType, number> {
    const limits = { ...DEFAULT_LIMITS_PER_HOUR };
    for (const part of this.EXECUTION_LIMITS_PER_HOUR.split(',').filter((p) => p.trim())) {
      const [name, value] = part.split('=').map((s) => s.trim());
      limits[name as ActionType] = Number(value);
    }
    return limits;
  }
}

export function loadExecutionSettings(env: NodeJS.ProcessEnv): ExecutionSettings {
  const settings = loadSettings(ExecutionSettings, env);
  const limits = Object.entries(settings.limitsPerHour);
  const unknown = limits.filter(([name]) => !(ACTION_TYPES as readonly string[]).includes(name)).map(([name]) => name);
  if (unknown.length > 0) throw new ConfigError(`Invalid configuration: EXECUTION_LIMITS_PER_HOUR names unknown action type(s): ${unknown.join(', ')}`);
  // 0 would read as "off" to a person but cannot be counted against; the emergency stop is the off switch.
  const zero = limits.filter(([, limit]) => limit < 1).map(([name]) => name);
  if (zero.length > 0)
    throw new ConfigError(
      `Invalid configuration: EXECUTION_LIMITS_PER_HOUR must be at least 1 per hour (${zero.join(', ')}); use the emergency stop to halt executions`,
    );
  return settings;
}
