import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ACTION_TYPES, ActionType } from '@caseyos/contracts';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AlertCheck, AlertCondition, AlertConditions } from '../../platform/alerts/alert-condition';
import { REDIS } from '../../platform/redis/redis.module';
import { HandlerResilience } from '../guardrails/handler-resilience';

/** Per action type, the processes whose breaker is open (a hash field per process). */
const OPEN_KEY = (actionType: ActionType) => `caseyos:breaker-open:${actionType}`;
/** A process that died with its breaker open stops counting after this. */
const CLAIM_TTL_S = 3600;

/** Pure: which action types have a breaker open in some process. */
export function breakerOpenCheck(openProcesses: Partial<Record<ActionType, number>>): AlertCheck {
  const open = ACTION_TYPES.filter((actionType) => (openProcesses[actionType] ?? 0) > 0);
  if (open.length === 0) return { firing: false, detail: 'Every action type’s circuit breaker is closed.' };
  const names = open.map((actionType) => `${actionType} (${openProcesses[actionType]} process${openProcesses[actionType] === 1 ? '' : 'es'})`);
  return { firing: true, detail: `Open: ${names.join(', ')}. Executions of these action types fail fast; see docs/RUNBOOK.md "A breaker stuck open".` };
}

/**
 * Breakers are per process (HandlerResilience), so each process records its own open breakers in
 * Redis as they change and the cluster-wide alert reads all of them.
 */
@Injectable()
export class BreakerOpenAlert implements AlertCondition, OnModuleInit {
  readonly id = 'breaker_open';
  readonly title = 'Circuit breaker open';
  private readonly processId = randomUUID();

  constructor(
    private readonly resilience: HandlerResilience,
    private readonly conditions: AlertConditions,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.conditions.register(this);
    this.resilience.onBreakerChange((actionType, open) => void this.record(actionType, open));
  }

  async check(): Promise<AlertCheck> {
    const pipeline = this.redis.pipeline();
    for (const actionType of ACTION_TYPES) pipeline.hlen(OPEN_KEY(actionType));
    const counts = (await pipeline.exec()) ?? [];
    const open: Partial<Record<ActionType, number>> = {};
    ACTION_TYPES.forEach((actionType, index) => {
      const [error, count] = counts[index];
      if (error) throw error;
      open[actionType] = count as number;
    });
    return breakerOpenCheck(open);
  }

  private async record(actionType: ActionType, open: boolean): Promise<void> {
    try {
      if (open) await this.redis.multi().hset(OPEN_KEY(actionType), this.processId, Date.now()).expire(OPEN_KEY(actionType), CLAIM_TTL_S).exec();
      else await this.redis.hdel(OPEN_KEY(actionType), this.processId);
    } catch {
      // Redis away: the alert misses this change; the breaker itself is unaffected.
    }
  }
}
