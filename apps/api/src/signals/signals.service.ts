import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CommandQueueMove, ErasedRows, IngestResponse, Page, SignalDetail, SignalListItem, SignalSource, SignalView } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { Observable, Subject } from 'rxjs';
import { DataSource, EntityManager, IsNull, LessThan, MoreThanOrEqual, Repository } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { Actor, CommandQueueService, NewMove } from '../command-queue/command-queue.service';
import { CLOCK, Clock, HOUR_MS } from '../platform/clock/clock';
import { isDatabaseUnavailable } from '../platform/database/database-unavailable';
import { WriteStatement } from '../platform/database/write-statement';
import { ProblemException } from '../platform/http/problem-details.filter';
import { newestFirstPage } from '../platform/http/keyset-page';
import { MetricsService } from '../platform/metrics/metrics.service';
import type { ContactAddress } from '../platform/personal-data/contact-address';
import { Mentions } from '../platform/personal-data/mentions';
import { CalendarEventSnapshot } from './entities/calendar-event-snapshot.entity';
import { HubSpotDealSnapshot } from './entities/hubspot-deal-snapshot.entity';
import { Signal } from './entities/signal.entity';
import { SignalProcessorRegistry } from './processors/signal-processor.registry';
import { DEDUPE_WINDOW_MS, addMarkProcessed, addStoreSignal, payloadHash } from './signal-writes';
import { SignalFacts, SignalRule, matchRule, rulesWithConditions } from './rules/signal-rules';

export interface IncomingSignal {
  source: SignalSource;
  kind: string;
  payload: Record<string, unknown>;
  contactEmail?: string | null;
  company?: string | null;
  externalId?: string | null;
  classification?: Signal['classification'];
}

/** What processing a signal will write: the matching rule, and its move when there is one (scored when it is written). */
interface ProcessingPlan {
  rule: SignalRule | null;
  move: (NewMove & { id: string }) | null;
}

interface StoreResult {
  signal: Signal;
  duplicate: boolean;
  /** After the commit: tells the live streams of the signal's new move; the move, or null when it made none. */
  announceMove: () => Promise<CommandQueueMove | null>;
}

/** A signal as an account's activity counts it. */
export interface SignalFact {
  id: string;
  source: SignalSource;
  kind: string;
  receivedAt: Date;
}

/** Where a sweep over signals stands: the last one it saw. */
export interface SignalPosition {
  receivedAt: string;
  id: string;
}

export interface SignalFilters {
  source?: SignalSource;
  kind?: string;
  contact?: string;
  processed?: boolean;
  cursor?: string;
  limit: number;
}

@Injectable()
export class SignalsService {
  private readonly logger = new Logger('Signals');
  private readonly storedSignals = new Subject<SignalView>();
  private readonly received;
  private readonly processed;
  private readonly deduplicated;
  private readonly recommended;

  constructor(
    @InjectRepository(Signal) private readonly signals: Repository<Signal>,
    private readonly dataSource: DataSource,
    private readonly registry: SignalProcessorRegistry,
    private readonly queue: CommandQueueService,
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.received = metrics.counter('caseyos_signal_received_total', 'Signals accepted', ['source']);
    this.processed = metrics.counter('caseyos_signal_processed_total', 'Signals processed', ['source', 'outcome']);
    this.deduplicated = metrics.counter('caseyos_signal_deduplicated_total', 'Repeated signals answered as duplicates', ['source']);
    this.recommended = metrics.counter('caseyos_recommendation_generated_total', 'Moves created from signals', ['source', 'rule']);
  }

  /**
   * Stores a signal once and turns it into its move, in one statement: the dedupe claim, the
   * signal, the move and the move's audit entry commit together, so the answer can say what was
   * stored. A repeat within the window is answered with the signal (and move) already stored.
   */
  async receive(incoming: IncomingSignal, by: Actor): Promise<IngestResponse> {
    const answer = await this.storeAndProcess(incoming, by);
    if (!answer.duplicate) this.storedSignals.next(answer.stored);
    return answer.response;
  }

  /** Every new signal of this process once it is stored (repeats are not news): outcome detection listens. */
  get stored(): Observable<SignalView> {
    return this.storedSignals.asObservable();
  }

  /** Signals received at or after `since` (the received_at index serves it). */
  countSince(since: Date): Promise<number> {
    return this.signals.count({ where: { receivedAt: MoreThanOrEqual(since) } });
  }

  /** Signals received after `after` (exclusive), oldest first: for consumers that sweep all of them in order. */
  async since(after: SignalPosition | null, limit: number): Promise<SignalView[]> {
    const query = this.signals.createQueryBuilder('signal').orderBy('signal.received_at', 'ASC').addOrderBy('signal.id', 'ASC').take(limit);
    if (after) query.where('(signal.received_at, signal.id) > (:receivedAt, :id)', { receivedAt: new Date(after.receivedAt), id: after.id });
    return (await query.getMany()).map(toView);
  }

  private async storeAndProcess(incoming: IncomingSignal, by: Actor): Promise<{ response: IngestResponse; stored: SignalView; duplicate: boolean }> {
    const signal = this.newSignal(incoming);
    const plan = await this.plan(signal).catch((error: Error) => {
      // Stored unprocessed below, so nothing is lost: the pending-signal job retries it.
      this.logger.error({ event: 'signal_processing_failed', signal_id: signal.id, source: signal.source, error: error.message });
      return null;
    });
    const { signal: stored, duplicate, announceMove } = await this.storeOnce(signal, plan, by);
    if (duplicate) {
      const move = stored.itemId ? await this.queue.get(stored.itemId).catch(() => null) : null;
      return { response: { signal_id: stored.id, duplicate, move }, stored: toView(stored), duplicate };
    }
    const move = await announceMove();
    if (stored.processedAt && plan) this.afterProcessing(stored, plan.rule, move);
    return { response: { signal_id: stored.id, duplicate, move }, stored: toView(stored), duplicate };
  }

  /** Whether a signal from `source` of `kind` with this external id was ever stored. */
  async exists(source: SignalSource, kind: string, externalId: string): Promise<boolean> {
    return this.signals.exists({ where: { source, kind, externalId } });
  }

  /** Signals whose processing failed or was cut short; the oldest first, a bounded batch. */
  async processPending(olderThanMs: number, batch: number): Promise<number> {
    const pending = await this.signals.find({
      where: { processedAt: IsNull(), receivedAt: LessThan(new Date(this.clock.now().getTime() - olderThanMs)) },
      order: { receivedAt: 'ASC' },
      take: batch,
    });
    for (const signal of pending) await this.processStored(signal, { actor: 'system:signals' });
    return pending.length;
  }

  /** Claims past the dedupe window decide nothing any more. */
  async pruneDedupeKeys(): Promise<number> {
    const windowStart = new Date(this.clock.now().getTime() - DEDUPE_WINDOW_MS);
    const [, removed] = await this.dataSource.query<[unknown, number]>('DELETE FROM signal_dedupe_keys WHERE claimed_at <= $1', [windowStart]);
    return removed;
  }

  private newSignal(incoming: IncomingSignal): Signal {
    return this.signals.create({
      id: randomUUID(),
      source: incoming.source,
      kind: incoming.kind,
      contactEmail: incoming.contactEmail?.toLowerCase() ?? null,
      company: incoming.company ?? null,
      externalId: incoming.externalId ?? null,
      payload: incoming.payload,
      payloadHash: payloadHash(incoming.source, incoming.kind, incoming.payload),
      receivedAt: this.clock.now(),
      processedAt: null,
      itemId: null,
      rule: null,
      classification: incoming.classification ?? null,
    });
  }

  /** What the rules table makes of a signal: the rule and its move, not yet stored. */
  private async plan(signal: Signal): Promise<ProcessingPlan> {
    // The account lookup costs a query; only rules with a condition need it.
    const needsAccount = rulesWithConditions(signal.source, signal.kind);
    const facts = {
      ...this.registry.for(signal.source).facts(signal),
      isCustomer: needsAccount ? await this.accounts.isCustomer(signal.company) : false,
    };
    const rule = matchRule(signal.source, signal.kind, facts);
    if (!rule) return { rule: null, move: null };
    const move = {
      // Chosen here: the signal's row refers to its move in the same statement.
      id: randomUUID(),
      domain: rule.domain,
      actionType: rule.actionType,
      title: rule.title(facts).slice(0, 300),
      contactEmail: facts.contactEmail,
      contactName: facts.contactName,
      company: facts.company,
      dealId: facts.dealId ?? null,
      dealAmount: facts.amountUsd ?? null,
      signalId: signal.id,
      dueAt: new Date(this.clock.now().getTime() + rule.dueInHours * HOUR_MS),
      actionParams: actionParamsOf(rule, signal, facts),
      // One move per signal, however often processing is retried.
      originKey: originKeyOf(signal),
      scoreInputs: {
        amount_usd: facts.amountUsd ?? null,
        deal_stage: facts.toStage ?? null,
        signal_at: signal.receivedAt.toISOString(),
        signal_label: rule.label,
        intent: rule.intent,
      },
    };
    return { rule, move };
  }

  /**
   * One statement: claim the payload hash (only if no claim inside the window holds it), insert
   * the signal (already processed when there is a plan), its move and the move's audit entry.
   * No claim, nothing written: the signal is a repeat, and the stored one is returned.
   */
  private async storeOnce(signal: Signal, plan: ProcessingPlan | null, by: Actor): Promise<StoreResult> {
    const write = async (withPlan: ProcessingPlan | null): Promise<StoreResult | null> => {
      Object.assign(signal, withPlan ? this.outcomeOf(withPlan) : { processedAt: null, itemId: null, rule: null });
      const statement = new WriteStatement();
      const stored = addStoreSignal(statement, this.signals.metadata, signal);
      const move = withPlan?.move ? await this.queue.addMove(statement, withPlan.move, by, stored) : null;
      const written = await statement.write(this.dataSource);
      if (!written.yielded(stored)) return null;
      return { signal, duplicate: false, announceMove: async () => (move ? move.announce(written) : null) };
    };
    let result: StoreResult | null;
    try {
      result = await write(plan);
    } catch (error) {
      // An outage is answered 503 (the sender retries); a second write would only meet it again,
      // or, with Postgres back mid-request, store the signal without the move it was sent for.
      if (!plan || isDatabaseUnavailable(error)) throw error;
      // Keep the signal even if its move cannot be scored or written; the pending-signal job retries.
      this.logger.error({ event: 'signal_processing_failed', signal_id: signal.id, source: signal.source, error: (error as Error).message });
      result = await write(null);
    }
    if (!result) {
      const held = await this.heldSignal(signal.payloadHash);
      this.deduplicated.inc({ source: signal.source });
      this.logger.log({ event: 'signal_deduplicated', source: signal.source, kind: signal.kind, signal_id: held.id });
      return { signal: held, duplicate: true, announceMove: async () => null };
    }
    this.received.inc({ source: signal.source });
    this.logger.log({ event: 'signal_received', source: signal.source, kind: signal.kind, signal_id: signal.id });
    return result;
  }

  private outcomeOf(plan: ProcessingPlan): Pick<Signal, 'processedAt' | 'itemId' | 'rule'> {
    return { processedAt: this.clock.now(), itemId: plan.move?.id ?? null, rule: plan.rule?.id ?? null };
  }

  /** The signal holding a claim. A conflicting claim is committed before ON CONFLICT yields. */
  private async heldSignal(payloadHash: string): Promise<Signal> {
    const held = await this.signals
      .createQueryBuilder('signal')
      .innerJoin('signal_dedupe_keys', 'held', 'held.signal_id = signal.id')
      .where('held.payload_hash = :payloadHash', { payloadHash })
      .getOne();
    if (!held) throw new ProblemException(409, 'conflict', 'The same signal is being stored right now; send it again.');
    return held;
  }

  /**
   * A stored, unprocessed signal: marking it processed gates its move, so of two racing retries
   * one writes it. A move made before processing was cut short is adopted, not made again.
   */
  private async processStored(signal: Signal, by: Actor): Promise<void> {
    const plan = await this.plan(signal);
    const earlier = plan.move ? await this.queue.byOriginKey(originKeyOf(signal)) : null;
    const statement = new WriteStatement();
    const marked = addMarkProcessed(statement, signal.id, { ...this.outcomeOf(plan), itemId: earlier?.id ?? plan.move?.id ?? null });
    const move = plan.move && !earlier ? await this.queue.addMove(statement, plan.move, by, marked) : null;
    const written = await statement.write(this.dataSource);
    if (written.yielded(marked)) this.afterProcessing(signal, plan.rule, move ? await move.announce(written) : null);
  }

  /** Telemetry for a processed signal whose move (if it made one) was announced. */
  private afterProcessing(signal: Signal, rule: SignalRule | null, move: CommandQueueMove | null): void {
    if (rule && move) {
      this.recommended.inc({ source: signal.source, rule: rule.id });
      this.logger.log({ event: 'recommendation_generated', signal_id: signal.id, rule: rule.id, item_id: move.id, aps: move.aps });
    }
    this.processed.inc({ source: signal.source, outcome: rule ? 'move' : 'no_rule' });
    this.logger.log({ event: 'signal_processed', signal_id: signal.id, source: signal.source, rule: rule?.id ?? null });
  }

  async list(filters: SignalFilters): Promise<Page<SignalListItem>> {
    const query = this.signals.createQueryBuilder('signal');
    if (filters.source) query.andWhere('signal.source = :source', { source: filters.source });
    if (filters.kind) query.andWhere('signal.kind = :kind', { kind: filters.kind });
    if (filters.contact) query.andWhere('signal.contact_email = :contact', { contact: filters.contact.toLowerCase() });
    if (filters.processed !== undefined) query.andWhere(`signal.processed_at IS ${filters.processed ? 'NOT ' : ''}NULL`);
    const page = await newestFirstPage(query, 'received_at', (signal) => signal.receivedAt, filters.cursor, filters.limit);
    const moves = await this.queue.summariesByIds(page.rows.flatMap((signal) => (signal.itemId ? [signal.itemId] : [])));
    return {
      items: page.rows.map((signal) => ({ ...toView(signal), move: signal.itemId ? (moves.get(signal.itemId) ?? null) : null })),
      next_cursor: page.nextCursor,
    };
  }

  async get(id: string): Promise<SignalDetail> {
    const signal = await this.signals.findOneBy({ id });
    if (!signal) throw new ProblemException(404, 'not-found', `No signal ${id}.`);
    const move = signal.itemId ? await this.queue.get(signal.itemId).catch(() => null) : null;
    return { ...toView(signal), move };
  }

  /** The contacts' signals received at or after `since`, newest first, as kind and time only: what an account's activity is read from. */
  async recentOfContacts(contactEmails: readonly string[], since: Date, limit: number): Promise<SignalFact[]> {
    if (contactEmails.length === 0) return [];
    const rows: { id: string; source: SignalSource; kind: string; received_at: Date }[] = await this.signals.query(
      'SELECT id, source, kind, received_at FROM signals WHERE contact_email = ANY($1::text[]) AND received_at >= $2 ORDER BY received_at DESC LIMIT $3',
      [contactEmails.map((email) => email.toLowerCase()), since, limit],
    );
    return rows.map((row) => ({ id: row.id, source: row.source, kind: row.kind, receivedAt: row.received_at }));
  }

  /** The person's signals: theirs by contact, or mentioning their address anywhere (payload, classification). */
  async exportContact(address: ContactAddress): Promise<SignalView[]> {
    return (await this.contactSignals(this.dataSource.manager, address)).map(toView);
  }

  /**
   * Inside the erasure's transaction: deletes the person's signals (their dedupe claims go with
   * them) and any snapshot row mentioning the address (they hold ids and stages, so none should).
   * The ids of the signals deleted, for the moves they made.
   */
  async eraseContact(manager: EntityManager, address: ContactAddress): Promise<{ signalIds: string[]; tables: Record<string, ErasedRows> }> {
    const signalIds = (await this.contactSignals(manager, address, true)).map((signal) => signal.id);
    const [claims] = await manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM signal_dedupe_keys WHERE signal_id = ANY($1::uuid[])', [signalIds]);
    await manager.query('DELETE FROM signals WHERE id = ANY($1::uuid[])', [signalIds]);
    const snapshots = {
      hubspot_deal_snapshots: await Mentions.of(manager.connection.getMetadata(HubSpotDealSnapshot), { keys: true }).delete(manager, address),
      calendar_event_snapshots: await Mentions.of(manager.connection.getMetadata(CalendarEventSnapshot), { keys: true }).delete(manager, address),
    };
    return {
      signalIds,
      tables: {
        signals: { deleted: signalIds.length, scrubbed: 0 },
        signal_dedupe_keys: { deleted: claims.n, scrubbed: 0 },
        hubspot_deal_snapshots: { deleted: snapshots.hubspot_deal_snapshots, scrubbed: 0 },
        calendar_event_snapshots: { deleted: snapshots.calendar_event_snapshots, scrubbed: 0 },
      },
    };
  }

  private contactSignals(manager: EntityManager, address: ContactAddress, lock = false): Promise<Signal[]> {
    const query = manager
      .getRepository(Signal)
      .createQueryBuilder('signal')
      .where(`(signal.contact_email = :email OR ${Mentions.of(this.signals.metadata).condition(':pattern', 'signal')})`, {
        email: address.email,
        pattern: address.pattern,
      })
      .orderBy('signal.received_at', 'ASC')
      .addOrderBy('signal.id', 'ASC');
    if (lock) query.setLock('pessimistic_write');
    return query.getMany();
  }
}

export function toView(signal: Signal): SignalView {
  return {
    id: signal.id,
    source: signal.source,
    kind: signal.kind,
    contact_email: signal.contactEmail,
    company: signal.company,
    external_id: signal.externalId,
    payload: signal.payload,
    received_at: signal.receivedAt.toISOString(),
    processed_at: signal.processedAt?.toISOString() ?? null,
    item_id: signal.itemId,
    rule: signal.rule,
    classification: signal.classification,
  };
}

const originKeyOf = (signal: Signal) => `signal:${signal.id}`;

/** What the move's execution drafts from: the triggering signal's facts and, for a reply, its thread. */
function actionParamsOf(rule: SignalRule, signal: Signal, facts: SignalFacts): Record<string, unknown> {
  const context = {
    signal_kind: signal.kind,
    signal_label: rule.label,
    form_name: facts.formName ?? null,
    subject: facts.subject ?? null,
    note: facts.note ?? null,
    deal_name: facts.dealName ?? null,
    from_stage: facts.fromStage ?? null,
    to_stage: facts.toStage ?? null,
    amount_usd: facts.amountUsd ?? null,
  };
  const replyTo = facts.replyTo
    ? { thread_id: facts.replyTo.threadId, rfc822_message_id: facts.replyTo.rfc822MessageId, subject: facts.replyTo.subject }
    : null;
  return { rule: rule.id, context, ...(replyTo ? { reply_to: replyTo } : {}) };
}
