import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ExecutionView } from '@caseyos/contracts';
import { Actor, CommandQueueService } from '../command-queue/command-queue.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { problemBody } from '../platform/http/problem-details';
import { ProblemException } from '../platform/http/problem-details.filter';
import { ConnectorError } from '../connectors/errors/connector-errors';
import { IrreversibleError } from './execution-problems';
import { ExecutionRecords } from './execution-records';
import { ExecutionRunner } from './execution-runner';
import { ExecutionSettings } from './execution-settings';
import { ExecutionTelemetry } from './execution-telemetry';
import { toExecutionView } from './execution.mapper';
import { ExecutionHandlerRegistry } from './handlers/handler.registry';

/**
 * Undo. The execution's row stays locked while the handler removes what it made, so a second
 * rollback waits and then finds it rolled back (409): an object is never removed twice. It
 * reports success only once every object is really gone.
 */
@Injectable()
export class ExecutionRollback {
  private readonly logger = new Logger('Execution');

  constructor(
    private readonly records: ExecutionRecords,
    private readonly runner: ExecutionRunner,
    private readonly queue: CommandQueueService,
    private readonly handlers: ExecutionHandlerRegistry,
    private readonly settings: ExecutionSettings,
    private readonly telemetry: ExecutionTelemetry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async rollback(id: string, by: Actor): Promise<ExecutionView> {
    const outcome = await this.records.manager.transaction(async (manager) => {
      const execution = await this.records.lock(manager, id);
      const handler = this.handlers.for(execution.actionType);
      if (execution.dryRun)
        throw new ProblemException(409, 'not-reversible', 'A dry run changed nothing, so there is nothing to roll back.', { current_status: execution.status });
      if (execution.status === 'rolled_back')
        throw new ProblemException(409, 'already-rolled-back', `Execution ${id} was rolled back already.`, { current_status: execution.status });
      if (!handler.reversible)
        throw new ProblemException(409, 'not-reversible', `${execution.actionType} cannot be undone.`, { current_status: execution.status });
      if (execution.status !== 'succeeded' && execution.status !== 'rollback_failed') {
        throw new ProblemException(409, 'not-reversible', `Only a succeeded execution can be rolled back; this one is ${execution.status}.`, {
          current_status: execution.status,
        });
      }
      const signal = AbortSignal.timeout(this.settings.EXECUTION_TIMEOUT_SECONDS * 1000);
      try {
        await handler.rollback(execution.result ?? { objects: [] }, { executionId: id, signal });
      } catch (error) {
        // Nothing changes: the execution stands as it succeeded, and the move as completed.
        if (error instanceof IrreversibleError) throw new ProblemException(409, 'already-sent', error.message, { current_status: execution.status });
        const reason = error instanceof ConnectorError ? error.message : 'the provider did not confirm the removal';
        this.logger.warn({ event: 'rollback_failed', execution_id: id, action_type: execution.actionType, error: (error as Error).message });
        const changes = {
          status: 'rollback_failed' as const,
          error: problemBody(502, 'rollback-failed', reason, { instance: `/api/executions/${id}/rollback` }),
        };
        await this.records.update(manager, id, changes);
        return { execution: { ...execution, ...changes }, handler, announce: null };
      }
      const changes = { status: 'rolled_back' as const, rolledBackAt: this.clock.now(), error: null };
      await this.records.update(manager, id, changes);
      const changed = await this.queue.transitionWithin(manager, execution.itemId, 'rolled_back', by, {}, { execution_id: id });
      return { execution: { ...execution, ...changes }, handler, announce: changed.announce };
    });
    const view = toExecutionView(outcome.execution, outcome.handler.reversible);
    await this.runner.announce(view);
    if (!outcome.announce) throw new ProblemException(502, 'rollback-failed', outcome.execution.error?.detail ?? 'Rollback failed.', { execution: view });
    await outcome.announce();
    this.telemetry.record('rollback_completed', { execution_id: id, action_type: outcome.execution.actionType, item_id: outcome.execution.itemId });
    return view;
  }
}
