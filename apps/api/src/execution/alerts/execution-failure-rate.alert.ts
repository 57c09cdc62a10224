import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AlertCheck, AlertCondition, AlertConditions } from '../../platform/alerts/alert-condition';
import { Execution } from '../entities/execution.entity';

export const EXECUTION_FAILURE_WINDOW_MINUTES = 15;
export const EXECUTION_FAILURE_THRESHOLD = 0.1;
/** Below this many finished executions one failure is not a rate. */
export const EXECUTION_FAILURE_MIN_FINISHED = 5;

/** Pure: do the window's finished executions fail more than the threshold? */
export function executionFailureRateCheck(finished: number, failed: number): AlertCheck {
  const rate = finished === 0 ? 0 : failed / finished;
  return {
    firing: finished >= EXECUTION_FAILURE_MIN_FINISHED && rate > EXECUTION_FAILURE_THRESHOLD,
    detail: `${failed} of ${finished} executions (${(rate * 100).toFixed(1)}%) failed or timed out over the last ${EXECUTION_FAILURE_WINDOW_MINUTES} minutes (threshold ${EXECUTION_FAILURE_THRESHOLD * 100}%).`,
  };
}

/** Real (not dry-run) executions that finished in the window, from Postgres. */
@Injectable()
export class ExecutionFailureRateAlert implements AlertCondition, OnModuleInit {
  readonly id = 'execution_failure_rate';
  readonly title = 'Execution failures above 10%';

  constructor(
    @InjectRepository(Execution) private readonly executions: Repository<Execution>,
    private readonly conditions: AlertConditions,
  ) {}

  onModuleInit(): void {
    this.conditions.register(this);
  }

  async check(now: Date): Promise<AlertCheck> {
    const since = new Date(now.getTime() - EXECUTION_FAILURE_WINDOW_MINUTES * 60_000);
    const [row] = await this.executions.query<{ finished: number; failed: number }[]>(
      `SELECT count(*)::int AS finished, count(*) FILTER (WHERE "status" IN ('failed', 'timed_out'))::int AS failed
         FROM "executions" WHERE NOT "dry_run" AND "finished_at" > $1 AND "finished_at" <= $2`,
      [since, now],
    );
    return executionFailureRateCheck(row.finished, row.failed);
  }
}
