import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EMAIL_ACTION_TYPES, ExecutionView, OutcomeType, actionTypesCreating } from '@caseyos/contracts';
import { Repository } from 'typeorm';
import { ExecutionService } from '../../execution/execution.service';
import { CLOCK, Clock, DAY_MS } from '../../platform/clock/clock';
import { SignalsService } from '../../signals/signals.service';
import { OutcomeRecords } from '../outcome-records';
import { OutcomeSettings } from '../outcome-settings';
import { DetectionCursor } from './detection-cursor.entity';
import { DetectionJobs } from './detection-jobs';
import { ExecutionFates } from './execution-fates';
import { OutcomeDetection } from './outcome-detection';
import { OUTCOME_SOURCES } from './outcome-detector';

/** Signals read per batch, and at most per tick (the next tick goes on). */
const SIGNAL_BATCH = 200;
const SIGNALS_PER_TICK = 2000;
/** Executions judged for silence, or watched for a task or meeting, per tick. */
const EXECUTIONS_PER_TICK = 2000;
/**
 * A signal is stamped when it arrives and committed after its move is planned (the planning may
 * wait on a provider: a 30 s timeout and retries), so one younger than this may still be
 * committing behind one the sweep has read.
 */
const SETTLE_MS = 5 * 60_000;

/** What does not count as silence: any reply, a bounce (it never arrived), an unsubscribe. */
const RESPONSES: readonly OutcomeType[] = ['reply_received', 'positive_reply', 'negative_reply', 'bounced', 'unsubscribed'];
const MEETING_FATES: readonly OutcomeType[] = ['meeting_held', 'meeting_no_show', 'meeting_cancelled'];

const ORIGIN_ID = '00000000-0000-0000-0000-000000000000';
const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * The detect_outcomes tick: signals the stored-signal hook missed (by arrival, from a cursor),
 * silence past the attribution window (no_response), and the fate of tasks and meetings
 * executions made. A detection that fails is queued to be retried (and dead-lettered) alone;
 * the sweep goes on.
 */
@Injectable()
export class OutcomeSweep {
  private readonly logger = new Logger('OutcomeDetection');

  constructor(
    @InjectRepository(DetectionCursor) private readonly cursors: Repository<DetectionCursor>,
    private readonly signals: SignalsService,
    private readonly executions: ExecutionService,
    private readonly records: OutcomeRecords,
    private readonly detection: OutcomeDetection,
    private readonly fates: ExecutionFates,
    private readonly jobs: DetectionJobs,
    private readonly settings: OutcomeSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sweep(): Promise<{ signals: number; no_responses: number; tasks_completed: number; meetings_checked: number }> {
    const signals = await this.missedSignals();
    const noResponses = await this.silence();
    const tasksCompleted = await this.tasks();
    const meetingsChecked = await this.meetings();
    return { signals, no_responses: noResponses, tasks_completed: tasksCompleted, meetings_checked: meetingsChecked };
  }

  private async missedSignals(): Promise<number> {
    const settledBefore = this.clock.now().getTime() - SETTLE_MS;
    const start = await this.cursor('signals', new Date(this.clock.now().getTime() - this.settings.windowMs));
    let position = { receivedAt: start.at.toISOString(), id: start.id };
    let seen = 0;
    while (seen < SIGNALS_PER_TICK) {
      const batch = (await this.signals.since(position, SIGNAL_BATCH)).filter((signal) => new Date(signal.received_at).getTime() < settledBefore);
      if (batch.length === 0) break;
      for (const signal of batch) {
        if (OUTCOME_SOURCES.includes(signal.source)) {
          await this.detection.detectSignal(signal).catch(() => this.jobs.enqueue({ unit: 'signal', id: signal.id }));
        }
      }
      const last = batch[batch.length - 1];
      position = { receivedAt: last.received_at, id: last.id };
      await this.saveCursor('signals', { at: new Date(last.received_at), id: last.id });
      seen += batch.length;
      if (batch.length < SIGNAL_BATCH) break;
    }
    return seen;
  }

  /**
   * no_response for each email execution whose window closed without a response, one sweep
   * interval late: a reply that arrived just inside the window has had a poll to be seen.
   */
  private async silence(): Promise<number> {
    const closedBefore = new Date(this.clock.now().getTime() - this.settings.windowMs - this.settings.OUTCOME_DETECT_EVERY_SECONDS * 1000);
    // The first tick starts from now: an older execution's replies were never read, so its silence cannot be judged.
    const after = await this.cursor('silence', closedBefore);
    const closed = await this.executions.attributable({
      actionTypes: EMAIL_ACTION_TYPES,
      finishedAfter: after.at,
      afterId: after.id,
      finishedBefore: closedBefore,
      limit: EXECUTIONS_PER_TICK,
      oldestFirst: true,
    });
    const answered = await this.withOutcomes(closed, RESPONSES);
    const silent = closed.filter((execution) => !answered.has(execution.id));
    const recorded = await this.detection.recordAll(
      'no-response-sweep',
      silent.map((execution) => ({
        execution,
        outcomeType: 'no_response' as const,
        detectedAt: new Date(new Date(execution.finished_at!).getTime() + this.settings.windowMs),
        evidence: {},
      })),
    );
    // A full batch goes on from its last execution next tick; otherwise everything up to closedBefore is judged.
    const last = closed[closed.length - 1];
    await this.saveCursor(
      'silence',
      closed.length === EXECUTIONS_PER_TICK ? { at: new Date(last.finished_at!), id: last.id } : { at: closedBefore, id: LAST_ID },
    );
    return recorded;
  }

  private async tasks(): Promise<number> {
    const open = await this.unsettled(actionTypesCreating('hubspot_task'), ['task_completed']);
    if (open.length === 0) return 0;
    try {
      return await this.detection.recordAll('task-detector', await this.fates.completedTasks(open));
    } catch (error) {
      this.logger.warn({ event: 'task_status_read_failed', tasks: open.length, error: (error as Error).message });
      for (const execution of open) await this.jobs.enqueue({ unit: 'task', id: execution.id });
      return 0;
    }
  }

  /** Meetings whose planned end has passed are checked one by one (a Calendar read each), through the detection queue. */
  private async meetings(): Promise<number> {
    const now = this.clock.now();
    const ended = (await this.unsettled(actionTypesCreating('calendar_event'), MEETING_FATES)).filter((execution) => {
      const end = plannedEnd(execution);
      return end !== null && end <= now && execution.result?.objects.some((object) => object.kind === 'calendar_event');
    });
    for (const execution of ended) await this.jobs.enqueue({ unit: 'meeting', id: execution.id });
    return ended.length;
  }

  /** Executions of these types inside the watch that have none of `settled` yet. */
  private async unsettled(actionTypes: readonly ExecutionView['action_type'][], settled: readonly OutcomeType[]): Promise<ExecutionView[]> {
    const now = this.clock.now();
    const watched = await this.executions.attributable({
      actionTypes,
      finishedAfter: new Date(now.getTime() - this.settings.OUTCOME_WATCH_DAYS * DAY_MS),
      finishedBefore: now,
      limit: EXECUTIONS_PER_TICK,
    });
    const done = await this.withOutcomes(watched, settled);
    return watched.filter((execution) => !done.has(execution.id));
  }

  private async withOutcomes(executions: readonly ExecutionView[], types: readonly OutcomeType[]): Promise<Set<string>> {
    const facts = await this.records.factsOf(executions.map((execution) => execution.id));
    return new Set(facts.filter((fact) => types.includes(fact.outcomeType)).map((fact) => fact.executionId));
  }

  /** Where the sweep `name` stands; `start` the first time. */
  private async cursor(name: string, start: Date): Promise<{ at: Date; id: string }> {
    const row = await this.cursors.findOneBy({ name });
    return row ? { at: row.positionAt, id: row.positionId } : { at: start, id: ORIGIN_ID };
  }

  private async saveCursor(name: string, position: { at: Date; id: string }): Promise<void> {
    await this.cursors.upsert({ name, positionAt: position.at, positionId: position.id, updatedAt: this.clock.now() }, ['name']);
  }
}

/** The end of the event the plan asked Calendar for (the request body's end.dateTime). */
function plannedEnd(execution: ExecutionView): Date | null {
  const end = (execution.plan?.requests[0]?.body as { end?: { dateTime?: unknown } } | undefined)?.end?.dateTime;
  const at = typeof end === 'string' ? new Date(end) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}
