import { Inject, Injectable, Logger } from '@nestjs/common';
import { ExecutionResultData, ExecutionView, HEADERS, ProblemDetails } from '@caseyos/contracts';
import { performance } from 'node:perf_hooks';
import { Actor, CommandQueueService } from '../command-queue/command-queue.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { WriteStatement } from '../platform/database/write-statement';
import { ProblemException } from '../platform/http/problem-details.filter';
import { EventBus } from '../platform/events/event-bus.service';
import type { Execution } from './entities/execution.entity';
import { ExecutionRecords } from './execution-records';
import { Failure, failureOf } from './execution-problems';
import { ExecutionTelemetry } from './execution-telemetry';
import { toExecutionView } from './execution.mapper';
import { HandlerResilience } from './guardrails/handler-resilience';
import type { ExecutionHandler, PlannedExecution } from './handlers/execution-handler';
import { IdempotentResponseCache } from './idempotency/idempotency';

/** An execution that holds its move (item executing, row running), ready to perform. */
export interface ClaimedExecution {
  execution: Execution;
  planned: PlannedExecution;
  handler: ExecutionHandler;
  by: Actor;
}

/** What finishing an execution needs. */
type Finishing = Pick<ClaimedExecution, 'execution' | 'handler' | 'by'>;

/** What an execute is answered; stored with the key and replayed for it. */
export interface ExecuteAnswer {
  status: number;
  body: ExecutionView | ProblemDetails;
  executionId: string;
  headers: Record<string, string>;
  replayed: boolean;
}

export const executeInstance = (itemId: string) => `/api/command-queue/${itemId}/execute`;

export type Outcome =
  { status: 'succeeded'; result: ExecutionResultData; attempts: number } | { status: Failure['status']; failure: Failure; attempts: number };

/**
 * Performs a claimed execution under its guardrails (deadline, retries, breaker), then records
 * the outcome and moves the item on in one transaction, and remembers the answer for its key.
 */
@Injectable()
export class ExecutionRunner {
  private readonly logger = new Logger('Execution');

  constructor(
    private readonly records: ExecutionRecords,
    private readonly queue: CommandQueueService,
    private readonly resilience: HandlerResilience,
    private readonly telemetry: ExecutionTelemetry,
    private readonly cache: IdempotentResponseCache,
    private readonly events: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(claimed: ClaimedExecution): Promise<ExecuteAnswer> {
    const { execution, planned, handler } = claimed;
    const fields = { execution_id: execution.id, action_type: execution.actionType, item_id: execution.itemId };
    this.telemetry.record('execution_started', fields);
    const startedAt = performance.now();
    let attempts = 0;
    let outcome: Outcome;
    try {
      const result = await this.resilience.run(
        execution.actionType,
        async ({ signal, attempt }) => {
          attempts = attempt;
          const options = { executionId: execution.id, signal };
          // An attempt that failed may still have made the objects: look before making them again.
          // A part made (of several) is left to `execute`, which completes what is missing.
          if (attempt > 1) {
            const found = await handler.findExisting(planned.plan, options);
            if (found.length >= planned.plan.requests.length) return { objects: found, adopted: true } satisfies ExecutionResultData;
          }
          return handler.execute(planned, options);
        },
        (error) => this.logger.warn({ event: 'execution_retry', ...fields, error: (error as Error).message }),
      );
      outcome = { status: 'succeeded', result, attempts };
    } catch (error) {
      const failure = failureOf(error, { instance: executeInstance(execution.itemId), requestId: execution.requestId });
      if (failure.problem.type.endsWith('execution-error'))
        this.logger.error({ event: 'execution_error', ...fields, error: (error as Error).message, stack: (error as Error).stack });
      outcome = { status: failure.status, failure, attempts };
    }
    const answer = await this.finishSurely(claimed, outcome);
    if ('result' in outcome) {
      this.telemetry.record('execution_completed', { ...fields, attempts, adopted: outcome.result.adopted ?? false });
    } else {
      this.telemetry.record('execution_failed', {
        ...fields,
        attempts,
        problem: outcome.failure.problem.type,
        provider_status: outcome.failure.problem.provider_status,
      });
    }
    this.telemetry.finished(execution.actionType, outcome.status, (performance.now() - startedAt) / 1000);
    return answer;
  }

  /**
   * What happened is never recorded as something else: a finish that fails is tried once more, and
   * if that fails too the execution stays `running`, which the sweep recovers once its deadline
   * has long passed (looking for what it made).
   */
  private async finishSurely(claimed: Finishing, outcome: Outcome): Promise<ExecuteAnswer> {
    try {
      return await this.finish(claimed, outcome);
    } catch (first) {
      this.logger.warn({ event: 'execution_finish_retry', execution_id: claimed.execution.id, error: (first as Error).message });
      try {
        return await this.finish(claimed, outcome);
      } catch (second) {
        this.logger.error({ event: 'execution_finish_failed', execution_id: claimed.execution.id, error: (second as Error).message });
        throw new ProblemException(
          503,
          'execution-unrecorded',
          `Execution ${claimed.execution.id} ran, but its outcome could not be recorded yet; it is recovered automatically within minutes (GET /api/executions/${claimed.execution.id}).`,
          {},
          { [HEADERS.executionId]: claimed.execution.id },
        );
      }
    }
  }

  /** Recovers an execution whose process never finished it: what was found made, or a timeout. */
  recover(claimed: Finishing, outcome: Outcome): Promise<ExecuteAnswer> {
    return this.finish(claimed, outcome);
  }

  /** The execution's outcome and the item's new status commit together, with the item's audit entry. */
  private async finish(claimed: Finishing, outcome: Outcome): Promise<ExecuteAnswer> {
    const { execution, handler, by } = claimed;
    const finished: Execution = {
      ...execution,
      status: outcome.status,
      attempts: outcome.attempts,
      finishedAt: this.clock.now(),
      result: 'result' in outcome ? outcome.result : null,
      error: 'failure' in outcome ? outcome.failure.problem : null,
    };
    const view = toExecutionView(finished, handler.reversible);
    const answer: ExecuteAnswer =
      'failure' in outcome
        ? {
            status: outcome.failure.problem.status,
            body: { ...outcome.failure.problem, execution: view },
            executionId: execution.id,
            headers: outcome.failure.headers,
            replayed: false,
          }
        : { status: 200, body: view, executionId: execution.id, headers: {}, replayed: false };
    const itemStatus = outcome.status === 'succeeded' ? 'completed' : 'failed';
    // One statement: the outcome (only of a running execution: a recovery and a late finish never
    // both apply), the move's change and its audit entry.
    const statement = new WriteStatement();
    const recorded = this.records.addFinish(statement, execution.id, {
      status: finished.status,
      attempts: finished.attempts,
      finishedAt: finished.finishedAt,
      result: finished.result,
      error: finished.error,
      responseStatus: answer.status,
      responseBody: answer.body as unknown as Record<string, unknown>,
    });
    const moved = this.queue.addTransition(statement, recorded, { id: execution.itemId, domain: execution.domain }, 'executing', itemStatus, by, {
      execution_id: execution.id,
      execution_status: finished.status,
    });
    const written = await statement.write(this.records.manager);
    if (!written.yielded(recorded)) {
      // Finished elsewhere (recovered by the sweep): its record stands, this answer is not stored.
      this.logger.warn({ event: 'execution_finished_elsewhere', execution_id: execution.id });
      return answer;
    }
    if (moved.wrote(written)) await moved.announce(written);
    // The move left `executing` some other way; what the execution did is recorded all the same.
    else this.logger.warn({ event: 'execution_item_moved_on', execution_id: execution.id, item_id: execution.itemId });
    await this.announce(view);
    await this.remember(finished, answer);
    return answer;
  }

  /** Replays are served from Redis while the key lives; Postgres keeps the same answer. */
  async remember(execution: Execution, answer: ExecuteAnswer): Promise<void> {
    // A 202 (queued) is not final: replays of it read Postgres, which has the final answer once there is one.
    if (!execution.idempotencyKey || !execution.idempotencyExpiresAt || answer.status === 202) return;
    const ttl = execution.idempotencyExpiresAt.getTime() - this.clock.now().getTime();
    await this.cache.put(
      execution.idempotencyKey,
      { requestHash: execution.requestHash, executionId: execution.id, status: answer.status, body: answer.body as unknown as Record<string, unknown> },
      ttl,
    );
  }

  announce(view: ExecutionView): Promise<void> {
    return this.events.publish('execution.updated', { type: 'execution.updated', execution: view });
  }
}
