import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ExternalObject } from '@caseyos/contracts';
import { CLOCK, Clock } from '../platform/clock/clock';
import type { Execution } from './entities/execution.entity';
import { ExecutionRecords } from './execution-records';
import { executeInstance, ExecutionRunner } from './execution-runner';
import { ExecutionSettings } from './execution-settings';
import { failureOf } from './execution-problems';
import { ExecutionService } from './execution.service';
import { ExecutionTimedOutError } from './guardrails/handler-resilience';
import { ExecutionHandlerRegistry } from './handlers/handler.registry';

const BATCH = 50;
/** Bounded, so a first sweep over a long history does not hold the table: the next sweep goes on. */
const DRY_RUNS_FORGOTTEN_PER_SWEEP = 5000;

const sameObject = (a: ExternalObject, b: ExternalObject) => a.kind === b.kind && a.id === b.id;

/** What a worker that took over a queued execution's job found (`recoverAbandoned`). */
export type AbandonedRun =
  /** Not `running` (finished meanwhile, or never started): nothing to settle. */
  | { state: 'not-running' }
  | { state: 'recovered' }
  /** Its run may still be going (a stalled event loop or a Redis blip lost it the lock): not settled before `recoverInMs`. */
  | { state: 'maybe-alive'; recoverInMs: number };

/**
 * The periodic sweep, so that nothing is left half done whatever a process went through:
 * - starts queued executions whose window has opened (the delayed job is only the fast path;
 *   this survives a Redis loss);
 * - recovers executions still `running` long past their deadline (the process died, or could not
 *   record the end): what they made is adopted, else they count as timed out;
 * - for a while after a timeout or a transient failure, looks for objects the aborted call made
 *   late, and after a retried success for a duplicate the provider's search did not show yet,
 *   and removes them, so nothing untracked remains;
 * - forgets dry runs older than EXECUTION_DRY_RUN_RETENTION_DAYS (every opened dialog records one).
 */
@Injectable()
export class ExecutionSweep {
  private readonly logger = new Logger('ExecutionSweep');

  constructor(
    private readonly records: ExecutionRecords,
    private readonly service: ExecutionService,
    private readonly runner: ExecutionRunner,
    private readonly handlers: ExecutionHandlerRegistry,
    private readonly settings: ExecutionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sweep(): Promise<{ started: number; recovered: number; strays: number; dry_runs_forgotten: number }> {
    let started = 0;
    for (const execution of await this.records.due(BATCH)) {
      // One that cannot start must not hold back the others; it is tried again next sweep.
      if (await this.safely(execution, 'queued_execution_not_started', () => this.service.runQueued(execution.id))) started += 1;
    }
    let recovered = 0;
    for (const execution of await this.records.stuck(new Date(this.clock.now().getTime() - this.givenUpAfterMs()), BATCH)) {
      if (await this.safely(execution, 'execution_recovery_failed', () => this.recover(execution))) recovered += 1;
    }
    const strays = await this.removeStrays();
    const forgetBefore = new Date(this.clock.now().getTime() - this.settings.EXECUTION_DRY_RUN_RETENTION_DAYS * 24 * 3600_000);
    return { started, recovered, strays, dry_runs_forgotten: await this.records.forgetDryRuns(forgetBefore, DRY_RUNS_FORGOTTEN_PER_SWEEP) };
  }

  /**
   * Settles an execution left `running` by a worker whose job was taken back: adopted if what it
   * was to make exists, else timed out. BullMQ also takes a job back from a worker that is alive
   * but did not renew its lock, so this waits, as the sweep does, until the run's deadline and
   * grace have passed: before that the first run may still finish (and settling it as timed out
   * would make the sweep delete what it made).
   */
  async recoverAbandoned(executionId: string): Promise<AbandonedRun> {
    const execution = await this.records.find(executionId);
    if (execution?.status !== 'running') return { state: 'not-running' };
    const recoverInMs = (execution.startedAt?.getTime() ?? 0) + this.givenUpAfterMs() - this.clock.now().getTime();
    if (recoverInMs > 0) return { state: 'maybe-alive', recoverInMs };
    await this.recover(execution);
    return { state: 'recovered' };
  }

  /** A running execution is given up on this long after it started: its deadline, then the grace for its process to record the end. */
  private givenUpAfterMs(): number {
    return (this.settings.EXECUTION_TIMEOUT_SECONDS + this.settings.EXECUTION_RECOVERY_GRACE_SECONDS) * 1000;
  }

  private async recover(execution: Execution): Promise<void> {
    const handler = this.handlers.for(execution.actionType);
    const options = this.options(execution);
    const found = execution.plan ? await handler.findExisting(execution.plan, options) : [];
    const by = { actor: 'system:execution-sweep', requestId: execution.requestId ?? undefined };
    const made = execution.plan !== null && found.length >= execution.plan.requests.length;
    const failure = failureOf(new ExecutionTimedOutError(this.settings.EXECUTION_TIMEOUT_SECONDS), {
      instance: executeInstance(execution.itemId),
      requestId: execution.requestId,
    });
    await this.runner.recover(
      { execution, handler, by },
      made
        ? { status: 'succeeded', result: { objects: found, adopted: true }, attempts: execution.attempts }
        : { status: failure.status, failure, attempts: execution.attempts },
    );
    this.logger.warn({ event: 'execution_recovered', execution_id: execution.id, action_type: execution.actionType, adopted: made });
  }

  private async removeStrays(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - this.settings.EXECUTION_RECONCILE_MINUTES * 60_000);
    const candidates = [...(await this.records.unsettled(since, BATCH)), ...(await this.records.retried(since, BATCH))];
    let removed = 0;
    for (const execution of candidates) {
      await this.safely(execution, 'execution_reconcile_failed', async () => {
        if (!execution.plan) return;
        const handler = this.handlers.for(execution.actionType);
        const options = this.options(execution);
        const kept = execution.result?.objects ?? [];
        const strays = (await handler.findExisting(execution.plan, options)).filter((object) => !kept.some((own) => sameObject(own, object)));
        if (strays.length === 0) return;
        await handler.rollback({ objects: strays }, options);
        const result = {
          objects: kept,
          ...(execution.result?.adopted ? { adopted: true } : {}),
          stray_removed: [...(execution.result?.stray_removed ?? []), ...strays],
        };
        await this.records.update(this.records.manager, execution.id, { result });
        removed += strays.length;
        this.logger.warn({
          event: 'execution_stray_removed',
          execution_id: execution.id,
          action_type: execution.actionType,
          objects: strays.map((o) => o.kind),
        });
        await this.runner.announce(this.service.view({ ...execution, result }));
      });
    }
    return removed;
  }

  private options(execution: Execution) {
    return { executionId: execution.id, signal: AbortSignal.timeout(this.settings.EXECUTION_TIMEOUT_SECONDS * 1000) };
  }

  private async safely(execution: Execution, event: string, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      this.logger.warn({ event, execution_id: execution.id, error: (error as Error).message });
      return false;
    }
  }
}
