import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTION_TYPES, ActionLimitState, ActionType, GuardrailVerdict } from '@caseyos/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock, DAY_MS, HOUR_MS } from '../../platform/clock/clock';
import { CONTACT_TOUCHES, ExecutionSettings } from '../execution-settings';

const WEEK_MS = 7 * DAY_MS;

interface Window {
  used: number;
  limit: number;
  /** When a slot frees, when none is left. */
  freesAt: Date | null;
}

/**
 * Rate limits counted from the executions table itself (rolling windows on started_at): exact,
 * and nothing is lost when Redis is. Inside the claim transaction the counting is serialised per
 * action type and per contact (advisory locks, always in that order), so two concurrent executes
 * cannot both take the last slot.
 */
@Injectable()
export class ExecutionLimits {
  private readonly limits: Record<ActionType, number>;

  constructor(
    private readonly settings: ExecutionSettings,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limits = settings.limitsPerHour;
  }

  /** The rate-limit and contact-cap verdicts as they stand (dry runs, the guardrails endpoint). */
  async verdicts(
    actionType: ActionType,
    contactEmail: string | null,
    manager: EntityManager = this.dataSource.manager,
    excludeId: string | null = null,
  ): Promise<GuardrailVerdict[]> {
    const now = this.clock.now();
    const touches = contactEmail !== null && CONTACT_TOUCHES.includes(actionType);
    const { rate, contact } = await this.windows(manager, actionType, touches ? contactEmail.toLowerCase() : null, now, excludeId);
    return [
      verdict('rate_limit', rate, now, `${actionType}: ${rate.used} of ${rate.limit} in the last hour`),
      contact
        ? verdict('contact_cap', contact, now, `${contactEmail}: ${contact.used} of ${contact.limit} touches in the last 7 days`)
        : { guardrail: 'contact_cap', verdict: 'pass', detail: contactEmail ? `${actionType} does not reach the contact` : 'no contact' },
    ];
  }

  /**
   * In the caller's transaction, after it wrote its own execution row (`ownId`, left out of the
   * count): locks the windows, then judges them. The locks hold until the transaction ends.
   */
  async lockAndJudge(manager: EntityManager, actionType: ActionType, contactEmail: string | null, ownId: string): Promise<GuardrailVerdict[]> {
    // Always the action type's lock first, then the contact's: two claims never wait on each other in a cycle.
    const contactLock = contactEmail && CONTACT_TOUCHES.includes(actionType) ? `caseyos:execution-contact:${contactEmail.toLowerCase()}` : null;
    await manager.query(
      contactLock ? 'SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))' : 'SELECT pg_advisory_xact_lock(hashtext($1))',
      contactLock ? [`caseyos:execution-limit:${actionType}`, contactLock] : [`caseyos:execution-limit:${actionType}`],
    );
    return this.verdicts(actionType, contactEmail, manager, ownId);
  }

  async states(): Promise<ActionLimitState[]> {
    const now = this.clock.now();
    const rows: { action_type: ActionType; used: number; oldest: Date }[] = await this.dataSource.query(
      `SELECT action_type, count(*)::int AS used, min(started_at) AS oldest FROM executions
        WHERE NOT dry_run AND started_at > $1 GROUP BY action_type`,
      [new Date(now.getTime() - HOUR_MS)],
    );
    const byType = new Map(rows.map((row) => [row.action_type, row]));
    return ACTION_TYPES.map((actionType) => {
      const row = byType.get(actionType);
      const used = row?.used ?? 0;
      return {
        action_type: actionType,
        per_hour: this.limits[actionType],
        used,
        remaining: Math.max(0, this.limits[actionType] - used),
        resets_at: row ? new Date(new Date(row.oldest).getTime() + HOUR_MS).toISOString() : null,
      };
    });
  }

  /**
   * Both windows in one round trip: the executions started inside each, and, only when a window
   * is full, when the one that must leave for a slot to free started.
   */
  private async windows(
    manager: EntityManager,
    actionType: ActionType,
    contactEmail: string | null,
    now: Date,
    excludeId: string | null,
  ): Promise<{ rate: Window; contact: Window | null }> {
    const rateLimit = this.limits[actionType];
    const contactLimit = this.settings.EXECUTION_CONTACT_TOUCHES_PER_WEEK;
    const counted = 'NOT dry_run AND id IS DISTINCT FROM $8::uuid';
    const inRate = `FROM executions WHERE action_type = $1 AND ${counted} AND started_at > $2`;
    // A touch is what may have reached the contact: not a failure the provider refused, nor one undone.
    const inContact = `FROM executions WHERE contact_email = $4 AND action_type = ANY($5) AND ${counted} AND status NOT IN ('failed', 'rolled_back') AND started_at > $6`;
    const [row] = await manager.query<{ rate_used: number; rate_frees_from: Date | null; contact_used: number; contact_frees_from: Date | null }[]>(
      `WITH rate AS (SELECT count(*)::int AS used ${inRate}),
            contact AS (SELECT count(*)::int AS used ${inContact})
       SELECT rate.used AS rate_used,
              CASE WHEN rate.used >= $3 THEN (SELECT started_at ${inRate} ORDER BY started_at OFFSET rate.used - $3 LIMIT 1) END AS rate_frees_from,
              contact.used AS contact_used,
              CASE WHEN contact.used >= $7 THEN (SELECT started_at ${inContact} ORDER BY started_at OFFSET contact.used - $7 LIMIT 1) END AS contact_frees_from
         FROM rate, contact`,
      [actionType, new Date(now.getTime() - HOUR_MS), rateLimit, contactEmail, CONTACT_TOUCHES, new Date(now.getTime() - WEEK_MS), contactLimit, excludeId],
    );
    const freesAt = (from: Date | null, spanMs: number) => (from ? new Date(new Date(from).getTime() + spanMs) : null);
    return {
      rate: { used: row.rate_used, limit: rateLimit, freesAt: freesAt(row.rate_frees_from, HOUR_MS) },
      contact: contactEmail ? { used: row.contact_used, limit: contactLimit, freesAt: freesAt(row.contact_frees_from, WEEK_MS) } : null,
    };
  }
}

function verdict(guardrail: 'rate_limit' | 'contact_cap', window: Window, now: Date, detail: string): GuardrailVerdict {
  const remaining = Math.max(0, window.limit - window.used);
  if (!window.freesAt) return { guardrail, verdict: 'pass', detail, remaining, limit: window.limit };
  const retryAfter = Math.max(1, Math.ceil((window.freesAt.getTime() - now.getTime()) / 1000));
  return { guardrail, verdict: 'block', detail: `${detail}: limit reached`, remaining, limit: window.limit, retry_after_seconds: retryAfter };
}
