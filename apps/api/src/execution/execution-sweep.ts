import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '../platform/clock/clock';
import { ExecutionRecords } from './execution-records';
import { ExecutionRunner } from './execution-runner';
import { ExecutionSettings } from './execution-settings';
import { ExecutionService } from './execution.service';
import { ExecutionHandlerRegistry } from './handlers/handler.registry';

const BATCH = 50;

/**
 * The periodic sweep: starts queued executions whose window has opened (the delayed job is only
 * the fast path; this survives a Redis loss), and looks again for objects that a timed-out or
 * transiently failed call may have created late, removing them so nothing untracked remains.
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

  async sweep(): Promise<{ started: number; strays: number }> {
    let started = 0;
    for (const execution of await this.records.due(BATCH)) {
      try {
        await this.service.runQueued(execution.id);
        started += 1;
      } catch (error) {
        // One that cannot start must not hold back the others; it is tried again next sweep.
        this.logger.warn({ event: 'queued_execution_not_started', execution_id: execution.id, error: (error as Error).message });
      }
    }
    return { started, strays: await this.removeStrays() };
  }

  private async removeStrays(): Promise<number> {
    const since = new Date(this.clock.now().getTime() - this.settings.EXECUTION_RECONCILE_MINUTES * 60_000);
    let removed = 0;
    for (const execution of await this.records.unsettled(since, BATCH)) {
      if (!execution.plan) continue;
      const handler = this.handlers.for(execution.actionType);
      const options = { executionId: execution.id, signal: AbortSignal.timeout(this.settings.EXECUTION_TIMEOUT_SECONDS * 1000) };
      try {
        const found = await handler.findExisting(execution.plan, options);
        if (found.length === 0) continue;
        await handler.rollback({ objects: found }, options);
        const result = { objects: execution.result?.objects ?? [], stray_removed: [...(execution.result?.stray_removed ?? []), ...found] };
        await this.records.update(this.records.manager, execution.id, { result });
        removed += found.length;
        this.logger.warn({ event: 'execution_stray_removed', execution_id: execution.id, action_type: execution.actionType, objects: found.map((o) => o.kind) });
        await this.runner.announce(this.service.view({ ...execution, result }));
      } catch (error) {
        this.logger.warn({ event: 'execution_reconcile_failed', execution_id: execution.id, error: (error as Error).message });
      }
    }
    return removed;
  }
}
