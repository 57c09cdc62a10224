import { Inject, Injectable } from '@nestjs/common';
import {
  ContactTimelineEntry,
  ContactTimelineResponse,
  ExecutionView,
  MANUAL_OUTCOME_SOURCE,
  OutcomeEvidence,
  OutcomeView,
  Page,
  RecordOutcomeRequest,
} from '@caseyos/contracts';
import type { EntityManager } from 'typeorm';
import { Actor, CommandQueueService } from '../command-queue/command-queue.service';
import { ExecutionService } from '../execution/execution.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { ProblemException } from '../platform/http/problem-details.filter';
import type { ContactAddress } from '../platform/personal-data/contact-address';
import { SignalsService } from '../signals/signals.service';
import { ErasedOutcomes, OutcomeFilters, OutcomeRecords } from './outcome-records';
import { OutcomeRecorder, RecordedOutcome } from './outcome-recorder';
import { toOutcomeView } from './outcome.mapper';
import { invalidInput } from './report-window';

/** How far ahead of our clock a stated time may be (the operator's clock may run fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

const KIND_ORDER: Record<ContactTimelineEntry['kind'], number> = { outcome: 0, execution: 1, move: 2, signal: 3 };

function notAttributable(detail: string): ProblemException {
  return new ProblemException(422, 'execution-not-attributable', detail);
}

/** Outcomes recorded by hand, their listing, and a contact's whole story. */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly recorder: OutcomeRecorder,
    private readonly records: OutcomeRecords,
    private readonly queue: CommandQueueService,
    private readonly executions: ExecutionService,
    private readonly signals: SignalsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * An outcome the operator saw happen. Attributed to the named execution (which must be a
   * succeeded execution of this move, started by then), or else to the move's succeeded execution
   * when it started before the outcome; otherwise to the move alone.
   */
  async recordManual(request: RecordOutcomeRequest, by: Actor): Promise<RecordedOutcome> {
    const detectedAt = request.detected_at ? new Date(request.detected_at) : this.clock.now();
    if (detectedAt.getTime() > this.clock.now().getTime() + CLOCK_SKEW_MS) throw invalidInput('detected_at', 'detected_at must not be in the future');
    const move = await this.queue.get(request.item_id);
    const execution = request.execution_id
      ? await this.namedExecution(move.id, request.execution_id, detectedAt)
      : await this.answeredExecution(move.id, detectedAt);
    const note = request.note?.trim();
    const evidence: OutcomeEvidence = {
      ...(note ? { note } : {}),
      // A stated time tells two records of the same kind apart; "now" would make every retry new.
      ...(request.detected_at ? { reported_at: detectedAt.toISOString() } : {}),
    };
    return this.recorder.record({
      itemId: move.id,
      executionId: execution?.id ?? null,
      outcomeType: request.outcome_type,
      contactEmail: execution?.contact_email ?? move.contact_email,
      detectedAt,
      source: MANUAL_OUTCOME_SOURCE,
      evidence,
      by,
    });
  }

  private async namedExecution(itemId: string, executionId: string, detectedAt: Date): Promise<ExecutionView> {
    const execution = await this.executions.get(executionId).catch((error: unknown) => {
      if (error instanceof ProblemException && error.getStatus() === 404) return null;
      throw error;
    });
    if (!execution || execution.item_id !== itemId) throw notAttributable(`Execution ${executionId} is not an execution of move ${itemId}.`);
    if (execution.dry_run || execution.status !== 'succeeded') {
      throw notAttributable(
        `Execution ${executionId} ${execution.dry_run ? 'is a dry run' : `is ${execution.status}`}: only a succeeded execution reached anyone.`,
      );
    }
    if (execution.started_at && detectedAt < new Date(execution.started_at)) {
      throw notAttributable(`detected_at is before execution ${executionId} started (${execution.started_at}).`);
    }
    return execution;
  }

  /** A move has at most one succeeded execution (it completes the move); it answers outcomes after its start. */
  private async answeredExecution(itemId: string, detectedAt: Date): Promise<ExecutionView | null> {
    const { items } = await this.executions.list({ itemId, status: 'succeeded', dryRun: false, limit: 1 });
    const [execution] = items;
    return execution?.started_at && new Date(execution.started_at) <= detectedAt ? execution : null;
  }

  /** The person's outcomes (their contact, or one of their moves) and any other outcome mentioning their address. */
  async exportContact(address: ContactAddress, moveIds: readonly string[]): Promise<OutcomeView[]> {
    return (await this.records.ofContact(address, moveIds)).map(toOutcomeView);
  }

  /** Inside the erasure's transaction (OutcomeRecords.eraseContact): before the moves that go are deleted, their outcomes go. */
  eraseContact(manager: EntityManager, address: ContactAddress, moveIds: readonly string[], deletedMoveIds: readonly string[]): Promise<ErasedOutcomes> {
    return this.records.eraseContact(manager, address, moveIds, deletedMoveIds);
  }

  async list(filters: OutcomeFilters): Promise<Page<OutcomeView>> {
    const page = await this.records.list(filters);
    return { items: page.items.map(toOutcomeView), next_cursor: page.next_cursor };
  }

  /**
   * Signals, moves, executions (not dry runs) and outcomes of a contact, newest first. Each
   * source gives its newest `limit`, so the merged newest `limit` are exact.
   */
  async timeline(email: string, limit: number): Promise<ContactTimelineResponse> {
    const contact = email.toLowerCase();
    const [signals, moves, executions, outcomes] = await Promise.all([
      this.signals.list({ contact, limit }),
      this.queue.list({ contactEmail: contact, limit }),
      this.executions.list({ contactEmail: contact, dryRun: false, limit }),
      this.list({ contactEmail: contact, limit }),
    ]);
    const entries: ContactTimelineEntry[] = [
      ...signals.items.map((signal) => ({ kind: 'signal' as const, at: signal.received_at, signal })),
      ...moves.items.map((move) => ({ kind: 'move' as const, at: move.created_at, move })),
      ...executions.items.map((execution) => ({ kind: 'execution' as const, at: execution.created_at, execution })),
      ...outcomes.items.map((outcome) => ({ kind: 'outcome' as const, at: outcome.detected_at, outcome })),
    ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    const more = [signals, moves, executions, outcomes].some((page) => page.next_cursor !== null);
    return { contact_email: contact, entries: entries.slice(0, limit), truncated: more || entries.length > limit };
  }
}
