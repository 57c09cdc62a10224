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
  async verdicts(actionType: ActionType, contactEmail: string | null, manager: EntityManager = this.dataSource.manager): Promise<GuardrailVerdict[]> {
    const now = this.clock.now();
    const rate = await this.actionWindow(manager, actionType, now);
    const verdicts: GuardrailVerdict[] = [verdict('rate_limit', rate, now, `${actionType}: ${rate.used} of ${rate.limit} in the last hour`)];
    if (contactEmail && CONTACT_TOUCHES.includes(actionType)) {
      const contact = await this.contactWindow(manager, contactEmail, now);
      verdicts.push(verdict('contact_cap', contact, now, `${contactEmail}: ${contact.used} of ${contact.limit} touches in the last 7 days`));
    } else {
      verdicts.push({ guardrail: 'contact_cap', verdict: 'pass', detail: contactEmail ? `${actionType} does not reach the contact` : 'no contact' });
    }
    return verdicts;
  }

  /** In the caller's transaction: locks the windows, then judges them. Hold the transaction until the execution row is written. */
  async lockAndJudge(manager: EntityManager, actionType: ActionType, contactEmail: string | null): Promise<GuardrailVerdict[]> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`caseyos:execution-limit:${actionType}`]);
    if (contactEmail && CONTACT_TOUCHES.includes(actionType)) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`caseyos:execution-contact:${contactEmail}`]);
    }
    return this.verdicts(actionType, contactEmail, manager);
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

  private actionWindow(manager: EntityManager, actionType: ActionType, now: Date): Promise<Window> {
    return this.window(manager, { where: 'action_type = $1', params: [actionType] }, this.limits[actionType], HOUR_MS, now);
  }

  private contactWindow(manager: EntityManager, contactEmail: string, now: Date): Promise<Window> {
    const scope = { where: 'contact_email = $1 AND action_type = ANY($2)', params: [contactEmail.toLowerCase(), CONTACT_TOUCHES] };
    return this.window(manager, scope, this.settings.EXECUTION_CONTACT_TOUCHES_PER_WEEK, WEEK_MS, now);
  }

  /** Executions started inside the window; when it is full, the time the oldest one that must leave does. */
  private async window(manager: EntityManager, scope: { where: string; params: unknown[] }, limit: number, spanMs: number, now: Date): Promise<Window> {
    const since = new Date(now.getTime() - spanMs);
    const n = scope.params.length;
    const counted = `FROM executions WHERE ${scope.where} AND NOT dry_run AND started_at > $${n + 1}`;
    const [{ used }] = (await manager.query(`SELECT count(*)::int AS used ${counted}`, [...scope.params, since])) as { used: number }[];
    if (used < limit) return { used, limit, freesAt: null };
    const [{ started_at: startedAt }] = (await manager.query(`SELECT started_at ${counted} ORDER BY started_at ASC OFFSET $${n + 2} LIMIT 1`, [
      ...scope.params,
      since,
      used - limit,
    ])) as { started_at: Date }[];
    return { used, limit, freesAt: new Date(new Date(startedAt).getTime() + spanMs) };
  }
}

function verdict(guardrail: 'rate_limit' | 'contact_cap', window: Window, now: Date, detail: string): GuardrailVerdict {
  const remaining = Math.max(0, window.limit - window.used);
  if (!window.freesAt) return { guardrail, verdict: 'pass', detail, remaining, limit: window.limit };
  const retryAfter = Math.max(1, Math.ceil((window.freesAt.getTime() - now.getTime()) / 1000));
  return { guardrail, verdict: 'block', detail: `${detail}: limit reached`, remaining, limit: window.limit, retry_after_seconds: retryAfter };
}
