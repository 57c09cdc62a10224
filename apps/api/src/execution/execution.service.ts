import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ACTIONABLE_STATUSES,
  ActionType,
  CommandQueueMove,
  DraftAsset,
  DraftEdit,
  DryRunResponse,
  ExternalRemoval,
  ENQUEUED_JOBS,
  ExecutionView,
  GuardrailVerdict,
  GuardrailsResponse,
  IntegrationProvider,
  OutboundTarget,
  Page,
  ProblemDetails,
  QUEUES,
  QueueItemStatus,
} from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Actor, CommandQueueService } from '../command-queue/command-queue.service';
import { canTransition } from '../command-queue/status-machine';
import { CLOCK, Clock, HOUR_MS } from '../platform/clock/clock';
import { WriteStatement } from '../platform/database/write-statement';
import { problemBody } from '../platform/http/problem-details';
import { ProblemException } from '../platform/http/problem-details.filter';
import type { ContactAddress } from '../platform/personal-data/contact-address';
import { ConnectorError } from '../connectors/errors/connector-errors';
import { IntegrationsService } from '../connectors/oauth/integrations.service';
import type { ShownDraft } from '../drafting/drafting.service';
import { canonicalEdit } from './canonical-edit';
import { ContactExecutions, ErasedExecutions } from './contact-executions';
import { Execution } from './entities/execution.entity';
import { AttributionQuery, ExecutionFilters, ExecutionRecords, SucceededExecution, claimConflictOf } from './execution-records';
import { planRefusal } from './execution-problems';
import { ClaimedExecution, ExecuteAnswer, ExecutionRunner } from './execution-runner';
import { ExecutionSettings } from './execution-settings';
import { ExecutionTelemetry } from './execution-telemetry';
import { toExecutionView } from './execution.mapper';
import { EmergencyStopService } from './guardrails/emergency-stop.service';
import { ExecutionLimits } from './guardrails/execution-limits';
import { HandlerResilience } from './guardrails/handler-resilience';
import type { ExecutionHandler, PlannedExecution } from './handlers/execution-handler';
import { executionIdOfEventId, executionIdOfMessageId } from './handlers/effects/markers';
import { ExecutionHandlerRegistry } from './handlers/handler.registry';
import { IdempotentResponseCache, requestHashOf } from './idempotency/idempotency';

export type { ErasedExecutions, SucceededExecution };

export type WhenLimited = 'reject' | 'queue';

interface ClaimInput {
  id: string;
  move: CommandQueueMove;
  handler: ExecutionHandler;
  planned: PlannedExecution;
  requestHash: string;
}

/** Who holds what a plan's request reaches; CaseyOS's own asset store needs no one. */
const PROVIDER_OF_TARGET: Record<OutboundTarget, IntegrationProvider | undefined> = {
  gmail: 'google',
  calendar: 'google',
  hubspot: 'hubspot',
  caseyos: undefined,
};

/** The move's status changed between the read and the claim, to one it can still be executed from. */
class MoveMovedOn extends Error {
  constructor(readonly status: QueueItemStatus) {
    super(`the move is ${status} now`);
  }
}

function notExecutable(status: QueueItemStatus | null): ProblemException {
  if (!status) return new ProblemException(404, 'not-found', 'No such move.');
  return new ProblemException(409, 'conflict', `Cannot move from ${status} to executing.`, { current_status: status });
}

function emergencyStopped(reason: string | null): ProblemException {
  return new ProblemException(423, 'emergency-stop', `Execution is stopped${reason ? `: ${reason}` : ''}. Release the emergency stop to execute.`, {
    guardrail: 'kill_switch',
  });
}

/** The value of a settled promise, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Of the limits that block, the one that frees last: only then can the execution run. */
function longestWait(verdicts: GuardrailVerdict[]): GuardrailVerdict | undefined {
  return verdicts.filter((v) => v.verdict === 'block').sort((a, b) => (b.retry_after_seconds ?? 0) - (a.retry_after_seconds ?? 0))[0];
}

/** A queued execution whose plan met a passing provider failure is tried again this much later. */
const QUEUED_PLAN_RETRY_MS = 60_000;

/** The delayed job of a queued execution. BullMQ refuses a custom id with one colon: `run-queued:<id>` was never added. */
export const queuedJobId = (executionId: string) => `run-queued-${executionId}`;

type Claim = { claimed: ClaimedExecution; announce: () => Promise<void> } | { queued: Execution; announce: () => Promise<void> };

export interface ExecuteCommand {
  itemId: string;
  key: string;
  whenLimited: WhenLimited;
  note?: string;
  /** A person's edit of the draft: what executes instead of the written draft, and part of the request the key stands for. */
  edit?: DraftEdit;
  by: Actor;
}

/**
 * Carries out moves: dry runs, executes exactly once per idempotency key and per move, queued
 * executions, rollbacks. Guardrails are checked in the order a person would want to hear about
 * them: emergency stop, the key, the breaker, then the limits.
 */
@Injectable()
export class ExecutionService {
  private readonly logger = new Logger('Execution');

  constructor(
    private readonly records: ExecutionRecords,
    private readonly runner: ExecutionRunner,
    private readonly queue: CommandQueueService,
    private readonly handlers: ExecutionHandlerRegistry,
    private readonly resilience: HandlerResilience,
    private readonly limits: ExecutionLimits,
    private readonly emergencyStop: EmergencyStopService,
    private readonly cache: IdempotentResponseCache,
    private readonly settings: ExecutionSettings,
    private readonly telemetry: ExecutionTelemetry,
    private readonly contacts: ContactExecutions,
    private readonly integrations: IntegrationsService,
    @InjectQueue(QUEUES.executionQueued) private readonly queuedJobs: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The exact requests and every guardrail's verdict, with no side effect; recorded as a dry run. */
  async dryRun(itemId: string, key: string | null, by: Actor, edit?: DraftEdit): Promise<DryRunResponse> {
    const holder = key ? this.records.byKey(key) : Promise.resolve(null);
    // Read alongside the move; its failure is the verdicts' to report.
    holder.catch(() => undefined);
    const move = await this.queue.get(itemId);
    const handler = this.handlers.for(move.action_type);
    const id = randomUUID();
    const planned = await this.plan(handler, move, id, canonicalEdit(edit));
    const guardrails = await this.verdicts(move, key, holder);
    const now = this.clock.now();
    const execution = this.newExecution(move, id, by, {
      status: 'succeeded',
      dryRun: true,
      requestHash: requestHashOf(itemId, { dry_run: true }),
      plan: planned.plan,
      startedAt: now,
      finishedAt: now,
    });
    await this.records.recordDryRun(execution);
    const view = toExecutionView(execution, handler.reversible);
    this.telemetry.record('dry_run_completed', { execution_id: id, action_type: move.action_type, item_id: itemId });
    await this.runner.announce(view);
    const open = ACTIONABLE_STATUSES.includes(move.status);
    return { execution: view, plan: planned.plan, guardrails, would_execute: open && guardrails.every((g) => g.verdict === 'pass') };
  }

  async execute(command: ExecuteCommand): Promise<ExecuteAnswer> {
    const edit = canonicalEdit(command.edit);
    // The edit joins the hash only when there is one, so keys of executes without an edit hash as before.
    const requestHash = requestHashOf(command.itemId, { when_limited: command.whenLimited, note: command.note ?? null, ...(edit ? { draft: edit } : {}) });
    // Three independent reads at once (a first execute needs all of them), judged in order: a
    // replay answers before anything about the move; the Redis answer is the fast path of the key's row.
    const [cached, found, read] = await Promise.allSettled([
      this.cachedReplay(command.key, requestHash, command.itemId),
      this.records.lookup(command.key, command.itemId),
      this.queue.get(command.itemId),
    ]);
    const replay = settled(cached);
    if (replay) return replay;
    const { holder, active } = settled(found);
    if (holder) return this.storedReplay(holder, requestHash, command.itemId);
    if (active) {
      throw new ProblemException(409, 'execution-in-progress', `This move already has an execution ${active.status} (${active.id}).`, {
        current_status: 'executing',
      });
    }
    const move = settled(read);
    const stop = await this.emergencyStop.state();
    if (stop.active) throw emergencyStopped(stop.reason);
    const breakerWaitMs = this.resilience.retryAfterMs(move.action_type);
    if (breakerWaitMs > 0) {
      const seconds = Math.ceil(breakerWaitMs / 1000);
      throw new ProblemException(
        503,
        'circuit-open',
        `${move.action_type} failed repeatedly; its circuit breaker is open for ${seconds} s more.`,
        { guardrail: 'circuit_breaker' },
        { 'retry-after': String(seconds) },
      );
    }
    const handler = this.handlers.for(move.action_type);
    const id = randomUUID();
    const planned = await this.plan(handler, move, id, edit);
    await this.requireConnectedProviders(planned);
    const claim = await this.claimOnce(command, { id, move, handler, planned, requestHash });
    if ('replay' in claim) return claim.replay;
    await claim.announce();
    if ('queued' in claim) return this.answerQueued(claim.queued, handler);
    await this.runner.announce(toExecutionView(claim.claimed.execution, handler.reversible));
    return this.runner.run(claim.claimed);
  }

  /**
   * The claim, answering as for the other request when one took the key or the move between our
   * look and our write. A key left behind by an expired execution is released and the claim
   * tried once more.
   */
  private async claimOnce(command: ExecuteCommand, input: ClaimInput, released = false, reread = false): Promise<Claim | { replay: ExecuteAnswer }> {
    try {
      return await this.records.manager.transaction((manager) => this.claim(manager, command, input));
    } catch (error) {
      if (error instanceof MoveMovedOn && !reread) return this.claimOnce(command, { ...input, move: { ...input.move, status: error.status } }, released, true);
      const conflict = claimConflictOf(error);
      if (conflict === 'idempotency_key' || (error instanceof ProblemException && error.getStatus() === 409)) {
        const { holder } = await this.records.lookup(command.key, command.itemId);
        if (holder) return { replay: await this.storedReplay(holder, input.requestHash, command.itemId) };
        if (conflict === 'idempotency_key' && !released) {
          await this.records.releaseExpiredKey(this.records.manager, command.key);
          return this.claimOnce(command, input, true);
        }
      }
      if (conflict)
        throw new ProblemException(409, 'execution-in-progress', 'This move already has an execution queued or running.', { current_status: 'executing' });
      throw error;
    }
  }

  /**
   * One transaction, writes first and limits last, so the limit locks are held only from the count
   * to the commit. One statement writes the execution row unless the emergency stop is active
   * (its unique key and the one-active-per-move index stop a second claim), and moves the move to
   * executing with its audit entry; then the limits are locked and counted without this row.
   * Over a limit: 429, or with when_limited=queue the writes are undone to a savepoint and the
   * execution is stored queued and the move accepted instead.
   */
  private async claim(manager: EntityManager, command: ExecuteCommand, { id, move, handler, planned, requestHash }: ClaimInput): Promise<Claim> {
    const now = this.clock.now();
    const keyed = {
      idempotencyKey: command.key,
      idempotencyExpiresAt: new Date(now.getTime() + this.settings.IDEMPOTENCY_KEY_TTL_HOURS * HOUR_MS),
      requestHash,
    };
    const queueable = command.whenLimited === 'queue';
    if (!canTransition(move.status, 'executing')) throw notExecutable(move.status);
    if (queueable) await manager.query('SAVEPOINT before_claim');
    const execution = this.newExecution(move, id, command.by, { ...keyed, status: 'running', dryRun: false, plan: planned.plan, startedAt: now });
    const statement = new WriteStatement();
    const claimed = this.records.addClaim(statement, execution);
    const moved = this.queue.addTransition(statement, claimed, move, move.status, 'executing', command.by, {
      execution_id: id,
      note: command.note ?? null,
      ...(planned.plan.draft ? { draft: planned.plan.draft } : {}),
    });
    const written = await statement.write(manager);
    if (!written.yielded(claimed)) throw emergencyStopped((await this.emergencyStop.state()).reason);
    if (!moved.wrote(written)) {
      // Another request moved it since we read it: the execution row goes with the transaction,
      // and a move that can still be executed (accepted meanwhile) is claimed from where it is now.
      const current = await this.queue.statusOf(move.id);
      if (current && current !== move.status && canTransition(current, 'executing')) throw new MoveMovedOn(current);
      throw notExecutable(current);
    }
    const blocked = longestWait(await this.limits.lockAndJudge(manager, move.action_type, move.contact_email, id));
    if (!blocked) {
      const announce = async () => {
        await moved.announce(written);
      };
      return { claimed: { execution, planned, handler, by: command.by }, announce };
    }

    const seconds = blocked.retry_after_seconds ?? 60;
    if (!queueable) {
      throw new ProblemException(
        429,
        'execution-limited',
        `${blocked.detail}. Try again in ${seconds} s, or add ?when_limited=queue to run it then.`,
        { guardrail: blocked.guardrail },
        { 'retry-after': String(seconds) },
      );
    }
    await manager.query('ROLLBACK TO SAVEPOINT before_claim');
    // Queued: the move is accepted now and executed when the window opens.
    const accepted =
      move.status === 'pending' ? await this.queue.transitionWithin(manager, move.id, 'accepted', command.by, {}, { queued_execution: id }) : null;
    const queued = this.newExecution(move, id, command.by, {
      ...keyed,
      status: 'queued',
      dryRun: false,
      plan: planned.plan,
      runAt: new Date(now.getTime() + seconds * 1000),
    });
    queued.responseStatus = 202;
    queued.responseBody = toExecutionView(queued, handler.reversible) as unknown as Record<string, unknown>;
    await this.records.insert(manager, queued);
    return { queued, announce: async () => void (await accepted?.announce()) };
  }

  /** A queued answer is stored with the row for its key like any other; the job runs it when the window opens. */
  private async answerQueued(execution: Execution, handler: ExecutionHandler): Promise<ExecuteAnswer> {
    const view = toExecutionView(execution, handler.reversible);
    const seconds = Math.max(1, Math.ceil(((execution.runAt?.getTime() ?? 0) - this.clock.now().getTime()) / 1000));
    const answer: ExecuteAnswer = { status: 202, body: view, executionId: execution.id, headers: { 'retry-after': String(seconds) }, replayed: false };
    // Not awaited: with Redis down BullMQ waits for it to return, and the sweep starts the execution anyway.
    void this.queuedJobs
      .add(ENQUEUED_JOBS.runQueuedExecution, { executionId: execution.id }, { delay: seconds * 1000, jobId: queuedJobId(execution.id) })
      .catch((error: Error) => this.logger.warn({ event: 'queued_job_not_scheduled', execution_id: execution.id, error: error.message }));
    await this.runner.announce(view);
    await this.runner.remember(execution, answer);
    return answer;
  }

  /** The fast path: a finished answer for this key cached in Redis. 422 when the key was used for another request. */
  private async cachedReplay(key: string, requestHash: string, itemId: string): Promise<ExecuteAnswer | null> {
    const cached = await this.cache.get(key);
    if (!cached) return null;
    this.assertSameRequest(cached.requestHash, requestHash, itemId);
    return { status: cached.status, body: cached.body as unknown as ExecuteAnswer['body'], executionId: cached.executionId, headers: {}, replayed: true };
  }

  /** The answer stored with the execution holding the key: 422 for another request, 409 while it has none yet. */
  private async storedReplay(execution: Execution, requestHash: string, itemId: string): Promise<ExecuteAnswer> {
    this.assertSameRequest(execution.requestHash, requestHash, itemId);
    if (execution.responseStatus === null || execution.responseBody === null) {
      throw new ProblemException(
        409,
        'execution-in-progress',
        `The execution for this idempotency key is still ${execution.status}; ask again when it has finished.`,
        {
          current_status: execution.status,
        },
      );
    }
    const answer: ExecuteAnswer = {
      status: execution.responseStatus,
      body: execution.responseBody as unknown as ExecuteAnswer['body'],
      executionId: execution.id,
      headers: {},
      replayed: true,
    };
    await this.runner.remember(execution, answer);
    return answer;
  }

  private assertSameRequest(stored: string, requestHash: string, itemId: string): void {
    if (stored !== requestHash) {
      throw new ProblemException(422, 'idempotency-key-reused', `This idempotency key was used for another request; use a new key to execute move ${itemId}.`);
    }
  }

  /** Runs a queued execution whose time has come (the delayed job or the sweep, whichever is first). */
  async runQueued(executionId: string): Promise<void> {
    const execution = await this.records.get(executionId);
    if (execution.status !== 'queued' || !execution.runAt || execution.runAt > this.clock.now()) return;
    if ((await this.emergencyStop.state()).active) return; // waits; the sweep tries again
    if (this.resilience.retryAfterMs(execution.actionType) > 0) return;
    const move = await this.queue.get(execution.itemId);
    const handler = this.handlers.for(execution.actionType);
    const by = { actor: execution.actor, requestId: execution.requestId ?? undefined };
    let planned: PlannedExecution;
    try {
      // Planned again when it runs, with the edit the person made when they asked for it; a writer's
      // draft they sent back unchanged is dropped: the writer drafts afresh for the day it runs (a date
      // in it is stale). Texts of their own are kept, whatever the edit names.
      const edit = execution.plan?.edit;
      const asShown = edit?.shown_by !== undefined && execution.plan?.draft?.edited === false;
      planned = await handler.plan({ move, executionId, edit: asShown ? undefined : edit });
    } catch (error) {
      if (error instanceof ConnectorError && error.retryable) {
        await this.records.update(this.records.manager, executionId, { runAt: new Date(this.clock.now().getTime() + QUEUED_PLAN_RETRY_MS) });
        return;
      }
      // It will not plan later either (no contact, not connected, no free slot): say so instead of waiting forever.
      const refusal = planRefusal(error);
      await this.endQueued(
        execution,
        handler,
        problemBody(refusal.getStatus(), refusal.slug, refusal.message, { ...refusal.extra, instance: `/api/executions/${executionId}` }),
      );
      return;
    }
    type QueuedClaim = { closed: ProblemDetails } | { changed: Awaited<ReturnType<CommandQueueService['transitionWithin']>>; execution: Execution } | null;
    const claim = await this.records.manager.transaction(async (manager): Promise<QueuedClaim> => {
      // The delayed job and a sweep on another worker may both get here: the row lock lets one through.
      const current = await this.records.lock(manager, executionId);
      if (current.status !== 'queued') return null;
      const blocked = longestWait(await this.limits.lockAndJudge(manager, execution.actionType, execution.contactEmail, executionId));
      if (blocked) {
        await this.records.update(manager, executionId, { runAt: new Date(this.clock.now().getTime() + (blocked.retry_after_seconds ?? 60) * 1000) });
        return null;
      }
      let changed: Awaited<ReturnType<CommandQueueService['transitionWithin']>>;
      try {
        changed = await this.queue.transitionWithin(manager, execution.itemId, 'executing', by, {}, { execution_id: executionId });
      } catch (error) {
        if (!(error instanceof ProblemException) || error.getStatus() !== 409) throw error;
        // Dismissed or done by hand while it waited: the queued execution ends without running.
        return {
          closed: problemBody(409, 'move-not-open', `The move is ${error.extra.current_status ?? 'no longer open'}; the queued execution did not run.`, {
            instance: `/api/executions/${executionId}`,
          }),
        };
      }
      const startedAt = this.clock.now();
      await this.records.start(manager, executionId, { startedAt, plan: planned.plan });
      return { changed, execution: { ...execution, status: 'running' as const, startedAt, plan: planned.plan, responseStatus: null, responseBody: null } };
    });
    if (!claim) return;
    if ('closed' in claim) return this.endQueued(execution, handler, claim.closed);
    await claim.changed.announce();
    await this.runner.run({ execution: claim.execution, planned, handler, by });
  }

  /** A queued execution that will not run: failed with the reason, which becomes the answer for its key. */
  private async endQueued(execution: Execution, handler: ExecutionHandler, problem: ProblemDetails): Promise<void> {
    const ended: Execution = { ...execution, status: 'failed', error: problem, finishedAt: this.clock.now() };
    const view = toExecutionView(ended, handler.reversible);
    const body = { ...problem, execution: view };
    const applied = await this.records.manager.transaction(async (manager) => {
      if ((await this.records.lock(manager, execution.id)).status !== 'queued') return false;
      await this.records.update(manager, execution.id, {
        status: 'failed',
        error: problem,
        finishedAt: ended.finishedAt,
        responseStatus: problem.status,
        responseBody: body,
      });
      return true;
    });
    if (!applied) return;
    this.logger.warn({ event: 'queued_execution_ended', execution_id: execution.id, problem: problem.type });
    await this.runner.announce(view);
    await this.runner.remember(ended, { status: problem.status, body, executionId: execution.id, headers: {}, replayed: false });
  }

  /** When the latest real execution of these moves that succeeded (and was not rolled back) finished: an account's last touch. */
  lastSucceededAt(itemIds: readonly string[]): Promise<Date | null> {
    return this.records.lastSucceededAt(itemIds);
  }

  /** Real executions that succeeded and started in [from, to), of these action types: what outcome stats measure. */
  succeededBetween(from: Date, to: Date, actionTypes: readonly ActionType[]): Promise<SucceededExecution[]> {
    return this.records.succeededBetween(from, to, actionTypes);
  }

  /**
   * The real execution that made an object, when CaseyOS made it (a draft by its Message-ID, a
   * Calendar event by its id; both name the execution): whatever its status now, or null.
   */
  async madeBy(object: { rfc822MessageId: string } | { calendarEventId: string }): Promise<ExecutionView | null> {
    const id = 'rfc822MessageId' in object ? executionIdOfMessageId(object.rfc822MessageId) : executionIdOfEventId(object.calendarEventId);
    const execution = id ? await this.records.find(id) : null;
    return execution && !execution.dryRun ? this.view(execution) : null;
  }

  /** Succeeded real executions an outcome may be attributed to (see ExecutionRecords.attributable). */
  async attributable(query: AttributionQuery): Promise<ExecutionView[]> {
    return (await this.records.attributable(query)).map((execution) => this.view(execution));
  }

  /** A person's executions (dry runs included) and any execution mentioning their address, with the draft assets theirs made. */
  exportContact(address: ContactAddress, moveIds: readonly string[]): Promise<{ executions: ExecutionView[]; draftAssets: DraftAsset[] }> {
    return this.contacts.export(address, moveIds);
  }

  /** Before an erasure, outside Postgres: removes the Gmail drafts and HubSpot tasks still open that the person's executions made (ContactExecutions). */
  removeContactObjects(address: ContactAddress, moveIds: readonly string[]): Promise<ExternalRemoval> {
    return this.contacts.removeObjects(address, moveIds);
  }

  /** Inside the erasure's transaction: dry runs and queued executions go, real ones stay anonymous (ContactExecutions). */
  eraseContact(manager: EntityManager, address: ContactAddress, moveIds: readonly string[], removal: ExternalRemoval): Promise<ErasedExecutions> {
    return this.contacts.erase(manager, address, moveIds, removal);
  }

  async list(filters: ExecutionFilters): Promise<Page<ExecutionView>> {
    const page = await this.records.list(filters);
    return { items: page.items.map((execution) => this.view(execution)), next_cursor: page.next_cursor };
  }

  async get(id: string): Promise<ExecutionView> {
    return this.view(await this.records.get(id));
  }

  view(execution: Execution): ExecutionView {
    return toExecutionView(execution, this.handlers.for(execution.actionType).reversible);
  }

  async guardrails(): Promise<GuardrailsResponse> {
    const [emergencyStop, limits] = await Promise.all([this.emergencyStop.state(), this.limits.states()]);
    return {
      emergency_stop: emergencyStop,
      breakers: limits.map((limit) => this.resilience.state(limit.action_type)),
      limits,
      contact_cap: { per_week: this.settings.EXECUTION_CONTACT_TOUCHES_PER_WEEK },
      timeout_seconds: this.settings.EXECUTION_TIMEOUT_SECONDS,
    };
  }

  private async verdicts(move: CommandQueueMove, key: string | null, holder: Promise<Execution | null>): Promise<GuardrailVerdict[]> {
    const [stop, limits, held] = await Promise.all([this.emergencyStop.state(), this.limits.verdicts(move.action_type, move.contact_email), holder]);
    const breaker = this.resilience.state(move.action_type);
    const breakerWait = Math.ceil(this.resilience.retryAfterMs(move.action_type) / 1000);
    return [
      stop.active
        ? { guardrail: 'kill_switch', verdict: 'block', detail: `Emergency stop active${stop.reason ? `: ${stop.reason}` : ''}` }
        : { guardrail: 'kill_switch', verdict: 'pass', detail: 'Emergency stop not active' },
      held
        ? {
            guardrail: 'idempotency',
            verdict: 'block',
            detail: `This key already belongs to execution ${held.id} (${held.status}); an execute with it replays that answer`,
          }
        : {
            guardrail: 'idempotency',
            verdict: 'pass',
            detail: key ? 'New key: the execute runs once, however often it is sent' : 'An execute needs an idempotency key; each key runs once',
          },
      breaker.state === 'open'
        ? {
            guardrail: 'circuit_breaker',
            verdict: 'block',
            detail: `${move.action_type} breaker open after ${breaker.consecutive_failures} failures`,
            retry_after_seconds: breakerWait,
          }
        : {
            guardrail: 'circuit_breaker',
            verdict: 'pass',
            detail: `${move.action_type} breaker ${breaker.state.replace('_', '-')} (${breaker.consecutive_failures} failures in a row)`,
          },
      ...limits,
    ];
  }

  /**
   * A plan whose provider is not connected (disconnected, or waiting to be reconnected) is refused
   * before anything is claimed, as planning refuses it when it reads from the provider: run, it
   * would only fail at the provider, a 502 and a failed execution for what the user can fix.
   */
  private async requireConnectedProviders(planned: PlannedExecution): Promise<void> {
    const providers = new Set(planned.plan.requests.flatMap((request) => PROVIDER_OF_TARGET[request.target] ?? []));
    for (const provider of providers) {
      if (!(await this.integrations.isConnected(provider))) {
        throw new ProblemException(409, 'integration-not-connected', `${provider} is not connected. Connect it on the Integrations page, then try again.`);
      }
    }
  }

  private async plan(handler: ExecutionHandler, move: CommandQueueMove, executionId: string, edit?: DraftEdit): Promise<PlannedExecution> {
    try {
      return await handler.plan({ move, executionId, edit, shown: await this.shownDraft(move, edit) });
    } catch (error) {
      throw planRefusal(error);
    }
  }

  /** The draft the dry run named by the edit's `shown_by` showed, if it is an unedited dry run of this move that holds one. */
  private async shownDraft(move: CommandQueueMove, edit?: DraftEdit): Promise<ShownDraft | null> {
    if (!edit?.shown_by) return null;
    const dryRun = await this.records.find(edit.shown_by);
    // Only a writer's draft as it showed it: a dry run of an edit holds the person's texts, which passed the edit checks alone.
    if (!dryRun?.dryRun || dryRun.itemId !== move.id || !dryRun.plan?.texts || dryRun.plan.draft?.edited !== false) return null;
    return { texts: dryRun.plan.texts, provenance: dryRun.plan.draft };
  }

  private newExecution(
    move: CommandQueueMove,
    id: string,
    by: Actor,
    fields: Partial<Execution> & Pick<Execution, 'status' | 'dryRun' | 'requestHash'>,
  ): Execution {
    const now = this.clock.now();
    return {
      id,
      itemId: move.id,
      domain: move.domain,
      actionType: move.action_type,
      title: move.title,
      contactEmail: move.contact_email?.toLowerCase() ?? null,
      idempotencyKey: null,
      idempotencyExpiresAt: null,
      plan: null,
      result: null,
      error: null,
      attempts: 0,
      actor: by.actor,
      requestId: by.requestId ?? null,
      runAt: null,
      responseStatus: null,
      responseBody: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      rolledBackAt: null,
      updatedAt: now,
      ...fields,
    };
  }
}
