import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ACTIONABLE_STATUSES,
  ACTION_TYPES_BY_DOMAIN,
  ActionType,
  CommandQueueMove,
  DOMAINS,
  Domain,
  ENQUEUED_JOBS,
  ErasedRows,
  OPEN_STATUSES,
  MoveSummary,
  Page,
  QUEUES,
  QueueCounts,
  QueueItemStatus,
  RANKING_ORDER,
  TODAY_STATUSES,
  TodayResponse,
} from '@caseyos/contracts';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Subscription } from 'rxjs';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../platform/audit/audit.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { LocalDays } from '../platform/clock/local-day';
import { AppConfig } from '../platform/config/app-config';
import { EventBus } from '../platform/events/event-bus.service';
import { SharedResultCache } from '../platform/cache/shared-result-cache';
import { sharedBody } from '../platform/http/compression';
import { WriteStatement, Written } from '../platform/database/write-statement';
import { newestFirstPage } from '../platform/http/keyset-page';
import { ProblemException } from '../platform/http/problem-details.filter';
import type { ContactAddress } from '../platform/personal-data/contact-address';
import { AccountsService } from '../accounts/accounts.service';
import { ApsScorer } from './aps/aps-scorer.service';
import type { ScoreInputs, SuccessHistory } from './aps/score-inputs';
import { toMove } from './command-queue-move.mapper';
import { contactMoveIds, contactMovesAndMentions, eraseContactMoves } from './contact-moves';
import { CommandQueueItem } from './entities/command-queue-item.entity';
import { allowedSources } from './status-machine';

export interface NewMove {
  /** Chosen by the caller when its own record, written in the same statement, refers to the move. */
  id?: string;
  domain: Domain;
  actionType: ActionType;
  title: string;
  scoreInputs: ScoreInputs;
  contactEmail?: string | null;
  contactName?: string | null;
  company?: string | null;
  dealId?: string | null;
  dealAmount?: number | null;
  signalId?: string | null;
  actionParams?: Record<string, unknown>;
  dueAt?: Date | null;
  originKey?: string | null;
}

/** A queue write added to a caller's statement (see `addMove`, `addTransition`). */
export interface QueueWrite {
  /** Whether the statement wrote it. */
  wrote(written: Written): boolean;
  /** After the commit: drops cached rankings and tells the live streams; the move as written, or null when it was not. */
  announce(written: Written): Promise<CommandQueueMove | null>;
}

export interface Actor {
  actor: string;
  requestId?: string;
}

type StatusChanges = Partial<Pick<CommandQueueItem, 'dismissReason' | 'snoozedUntil'>>;

export interface ListFilters {
  status?: QueueItemStatus;
  domain?: Domain;
  actionType?: ActionType;
  /** Matched case-insensitively. */
  contactEmail?: string;
  cursor?: string;
  limit: number;
}

/**
 * Today's list and counts are read by every open dashboard and script, far more often than
 * they change. Each is computed at most once per TTL (concurrent readers share one query) and
 * dropped on any queue change seen by this process, local or published by another replica.
 */
const TODAY_TTL_MS = 1000;
const COUNTS_TTL_MS = 2000;

export interface RescoreRequest {
  domain: Domain;
  actionType: ActionType;
}
/** Outcomes of one pair within this long share one rescoring pass, which runs this long after the first. */
const RESCORE_DEBOUNCE_MS = 5000;
/** Moves rescored per pass, highest score first (the ones a person sees); the rest keep their score until a later pass. */
const RESCORE_MAX_MOVES = 500;
const RESCORE_PAGE = 100;
/** Snoozed moves woken per transaction: a backlog (a worker outage, a bulk snooze to Monday 9:00) wakes in bounded steps. */
const WAKE_BATCH = 500;
/** A company's activity is read from at most its newest this many moves. */
const COMPANY_MOVES_READ = 200;
/** Moves still to be done, whose score ranks them now or when they wake. */
const RESCORED_STATUSES: readonly QueueItemStatus[] = [...ACTIONABLE_STATUSES, 'snoozed'];

@Injectable()
export class CommandQueueService implements OnModuleInit, OnModuleDestroy {
  private readonly todayCache = new SharedResultCache<Buffer>(TODAY_TTL_MS);
  private readonly countsCache = new SharedResultCache<QueueCounts>(COUNTS_TTL_MS);
  private busSubscription?: Subscription;
  private readonly localDays: LocalDays;
  private readonly logger = new Logger('CommandQueue');

  constructor(
    @InjectRepository(CommandQueueItem) private readonly items: Repository<CommandQueueItem>,
    private readonly scorer: ApsScorer,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @InjectQueue(QUEUES.queueRescore) private readonly rescoreJobs: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.localDays = new LocalDays(config.TIMEZONE);
  }

  onModuleInit() {
    this.busSubscription = this.events.events.subscribe((event) => {
      if (event.type.startsWith('queue.')) this.invalidate();
    });
  }

  onModuleDestroy() {
    this.busSubscription?.unsubscribe();
  }

  /** Scores and stores a move. A move whose origin key exists already is returned as is. */
  async create(move: NewMove, by: Actor): Promise<{ move: CommandQueueMove; created: boolean }> {
    const statement = new WriteStatement();
    const added = await this.addMove(statement, move, by);
    const created = await added.announce(await statement.write(this.items.manager));
    if (created) return { move: created, created: true };
    return { move: toMove(await this.items.findOneByOrFail({ originKey: move.originKey ?? '' })), created: false };
  }

  /**
   * Validates and scores a move, and adds its insert and audit entry to `statement`, written
   * only after `gate` (a part of the caller's that must yield its row first). Nothing is stored
   * until the caller writes the statement; a move whose origin key exists already is not
   * written. Give `announce` the statement's result after the commit.
   */
  async addMove(statement: WriteStatement, move: NewMove, by: Actor, gate: string | null = null): Promise<QueueWrite> {
    const item = await this.scored(move);
    const created = statement.insert('created_move', this.items.metadata, item, { gate, onConflict: 'ON CONFLICT DO NOTHING', returning: 'id' });
    this.audit.addTo(statement, 'created_move_audit', created, {
      ...this.auditRecord('queue.item.created', item.id, by),
      detail: { domain: item.domain, status: item.status, action_type: item.actionType, aps: item.aps },
    });
    return {
      wrote: (written) => written.yielded(created),
      announce: async (written) => {
        if (!written.yielded(created)) return null;
        const stored = toMove(item);
        this.invalidate();
        await this.events.publish('queue.item.created', { type: 'queue.item.created', item: stored });
        return stored;
      },
    };
  }

  private async scored(move: NewMove): Promise<CommandQueueItem> {
    if (!(ACTION_TYPES_BY_DOMAIN[move.domain] as readonly string[]).includes(move.actionType)) {
      throw new ProblemException(400, 'validation-failed', `${move.actionType} is not a ${move.domain} action`);
    }
    const inputs = await this.withAccountRisk(move.domain, move.company ?? null, {
      ...move.scoreInputs,
      due_at: move.dueAt?.toISOString() ?? move.scoreInputs.due_at ?? null,
    });
    const score = await this.scorer.score(move.domain, move.actionType, inputs, move.contactEmail ?? null);
    const now = this.clock.now();
    return this.items.create({
      id: move.id ?? randomUUID(),
      domain: move.domain,
      actionType: move.actionType,
      title: move.title,
      status: 'pending',
      aps: score.aps,
      apsBreakdown: score.breakdown,
      reasons: score.reasons,
      scoreInputs: inputs,
      contactEmail: move.contactEmail ?? null,
      contactName: move.contactName ?? null,
      company: move.company ?? null,
      dealId: move.dealId ?? null,
      dealAmount: move.dealAmount ?? null,
      signalId: move.signalId ?? null,
      actionParams: move.actionParams ?? {},
      dueAt: move.dueAt ?? null,
      snoozedUntil: null,
      dismissReason: null,
      originKey: move.originKey ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
    });
  }

  /**
   * Today's ranking as a JSON body (a TodayResponse): the hot path serializes once per TTL, and
   * compresses once per encoding (a shared body).
   */
  todayBody(domain: Domain | undefined, limit: number): Promise<Buffer> {
    return this.todayCache.get(`${domain ?? 'all'}:${limit}`, this.clock.now().getTime(), async () =>
      sharedBody(JSON.stringify(await this.rankToday(domain, limit))),
    );
  }

  private async rankToday(domain: Domain | undefined, limit: number): Promise<TodayResponse> {
    const query = this.items.createQueryBuilder('item').where('item.status IN (:...today)', { today: TODAY_STATUSES }).limit(limit);
    for (const key of RANKING_ORDER) query.addOrderBy(`item.${key.column}`, key.direction, 'nulls' in key ? 'NULLS LAST' : undefined);
    if (domain) query.andWhere('item.domain = :domain', { domain });
    const [rows, counts] = await Promise.all([query.getMany(), this.counts()]);
    return { today_moves: rows.map(toMove), counts, generated_at: this.clock.now().toISOString() };
  }

  /** Open moves count as they stand; finished ones count what finished today (in TIMEZONE). */
  counts(): Promise<QueueCounts> {
    const now = this.clock.now();
    return this.countsCache.get(this.localDays.dateOf(now), now.getTime(), () => this.countByDomainAndStatus(this.localDays.startOfDay(now)));
  }

  private async countByDomainAndStatus(dayStart: Date): Promise<QueueCounts> {
    const rows: { domain: Domain; status: QueueItemStatus; count: string }[] = await this.items.query(
      `SELECT domain, status, count(*) AS count FROM command_queue_items
        WHERE status = ANY($1::text[]) OR status_changed_at >= $2
        GROUP BY domain, status`,
      [OPEN_STATUSES, dayStart],
    );
    const value = Object.fromEntries(DOMAINS.map((d) => [d, {}])) as QueueCounts;
    for (const row of rows) value[row.domain][row.status] = Number(row.count);
    return value;
  }

  async list(filters: ListFilters): Promise<Page<CommandQueueMove>> {
    const query = this.items.createQueryBuilder('item');
    if (filters.status) query.andWhere('item.status = :status', { status: filters.status });
    if (filters.domain) query.andWhere('item.domain = :domain', { domain: filters.domain });
    if (filters.actionType) query.andWhere('item.action_type = :actionType', { actionType: filters.actionType });
    if (filters.contactEmail) query.andWhere('lower(item.contact_email) = :contactEmail', { contactEmail: filters.contactEmail.toLowerCase() });
    const page = await newestFirstPage(query, 'created_at', (item) => item.createdAt, filters.cursor, filters.limit);
    return { items: page.rows.map(toMove), next_cursor: page.nextCursor };
  }

  /** The move made for an origin (e.g. `signal:<id>`), if one was. */
  async byOriginKey(originKey: string): Promise<CommandQueueMove | null> {
    const item = await this.items.findOneBy({ originKey });
    return item ? toMove(item) : null;
  }

  async get(id: string): Promise<CommandQueueMove> {
    const item = await this.items.findOneBy({ id });
    if (!item) throw new ProblemException(404, 'not-found', `No move ${id}.`);
    return toMove(item);
  }

  /** The newest moves about a HubSpot deal (outcome detection attributes deal changes through them). */
  async moveIdsForDeal(dealId: string, limit = 50): Promise<string[]> {
    const rows = await this.items.query<{ id: string }[]>('SELECT id FROM command_queue_items WHERE deal_id = $1 ORDER BY created_at DESC LIMIT $2', [
      dealId,
      limit,
    ]);
    return rows.map((row) => row.id);
  }

  /** Where the move stands now; null when there is no such move. */
  async statusOf(id: string): Promise<QueueItemStatus | null> {
    const [row] = await this.items.query<{ status: QueueItemStatus }[]>('SELECT status FROM command_queue_items WHERE id = $1', [id]);
    return row?.status ?? null;
  }

  accept(id: string, by: Actor) {
    return this.transition(id, 'accepted', by);
  }

  dismiss(id: string, reason: string, by: Actor) {
    return this.transition(id, 'dismissed', by, { dismissReason: reason });
  }

  snooze(id: string, until: Date, by: Actor) {
    if (until.getTime() <= this.clock.now().getTime()) {
      throw new ProblemException(400, 'validation-failed', 'until must be in the future', {
        errors: [{ field: 'until', messages: ['until must be in the future'] }],
      });
    }
    return this.transition(id, 'snoozed', by, { snoozedUntil: until });
  }

  /** Done elsewhere by hand: clears a move with no side effect (only its execution finishes an executing one). */
  complete(id: string, note: string | undefined, by: Actor) {
    return this.transition(id, 'completed', by, {}, { by_hand: true, ...(note ? { note } : {}) }, ACTIONABLE_STATUSES);
  }

  /**
   * Moves an item along the status machine, in one transaction with its audit entry. Of two
   * racing requests exactly one wins; the other gets 409 with the current status.
   */
  async transition(
    id: string,
    to: QueueItemStatus,
    by: Actor,
    changes: StatusChanges = {},
    detail: Record<string, unknown> = {},
    from: readonly QueueItemStatus[] = allowedSources(to),
  ): Promise<CommandQueueMove> {
    const changed = await this.items.manager.transaction((manager) => this.transitionWithin(manager, id, to, by, changes, detail, from));
    await changed.announce();
    return changed.move;
  }

  /**
   * The status change and its audit entry inside the caller's transaction (the execution module
   * claims a move and records its execution together). Call `announce` after the commit.
   */
  async transitionWithin(
    manager: EntityManager,
    id: string,
    to: QueueItemStatus,
    by: Actor,
    changes: StatusChanges = {},
    detail: Record<string, unknown> = {},
    from: readonly QueueItemStatus[] = allowedSources(to),
  ): Promise<{ move: CommandQueueMove; announce: () => Promise<void> }> {
    const now = this.clock.now();
    // One round trip: lock the row, check where it stands, move it, and say where it came from.
    const set = ['status = $3', 'version = version + 1', 'updated_at = $4', 'status_changed_at = $4'];
    const values: unknown[] = [id, [...from], to, now];
    if ('dismissReason' in changes) set.push(`dismiss_reason = $${values.push(changes.dismissReason ?? null)}`);
    if ('snoozedUntil' in changes) set.push(`snoozed_until = $${values.push(changes.snoozedUntil ?? null)}`);
    const [rows] = await manager.query<[(Record<string, unknown> & { from_status: QueueItemStatus })[], number]>(
      `WITH locked AS (SELECT status FROM command_queue_items WHERE id = $1 FOR UPDATE)
       UPDATE command_queue_items SET ${set.join(', ')}
        WHERE id = $1 AND (SELECT status FROM locked) = ANY($2::text[])
       RETURNING *, (SELECT status FROM locked) AS from_status`,
      values,
    );
    const [raw] = rows;
    if (!raw) {
      const [current] = await manager.query<{ status: QueueItemStatus }[]>('SELECT status FROM command_queue_items WHERE id = $1', [id]);
      if (!current) throw new ProblemException(404, 'not-found', `No move ${id}.`);
      throw new ProblemException(409, 'conflict', `Cannot move from ${current.status} to ${to}.`, { current_status: current.status });
    }
    const move = toMove(WriteStatement.hydrate<CommandQueueItem>(this.items.metadata, raw));
    await this.audit.recordWithin(manager, [
      {
        ...this.auditRecord('queue.item.updated', id, by),
        detail: { domain: move.domain, status: move.status, from: raw.from_status, to, ...changes, ...detail },
      },
    ]);
    return { move, announce: () => this.announceUpdated(move) };
  }

  /**
   * Adds a move's change from a known status, and its audit entry, to `statement`, after `gate`:
   * the execution module records how an execution ended and moves its move on in one round trip.
   * The change is not written when the move is no longer in `from`.
   */
  addTransition(
    statement: WriteStatement,
    gate: string,
    move: { id: string; domain: Domain },
    from: QueueItemStatus,
    to: QueueItemStatus,
    by: Actor,
    detail: Record<string, unknown> = {},
  ): QueueWrite {
    if (!allowedSources(to).includes(from)) throw new Error(`${from} -> ${to} is not a legal move`);
    const now = statement.param(this.clock.now(), 'timestamptz');
    const moved = statement.with(
      'moved_item',
      `UPDATE command_queue_items SET status = ${statement.param(to, 'text')}, version = version + 1, updated_at = ${now}, status_changed_at = ${now}
        WHERE id = ${statement.param(move.id, 'uuid')} AND status = ${statement.param(from, 'text')} AND ${statement.after(gate)}
       RETURNING *`,
    );
    this.audit.addTo(statement, 'moved_item_audit', moved, {
      ...this.auditRecord('queue.item.updated', move.id, by),
      detail: { domain: move.domain, status: to, from, to, ...detail },
    });
    return {
      wrote: (written) => written.yielded(moved),
      announce: async (written) => {
        const row = written.row(moved);
        if (!row) return null;
        const changed = toMove(WriteStatement.hydrate<CommandQueueItem>(this.items.metadata, row));
        await this.announceUpdated(changed);
        return changed;
      },
    };
  }

  /** The company's newest moves (ids and lower-case contacts): whose executions, signals and outcomes are its activity. */
  async movesOfCompany(company: string): Promise<{ id: string; contactEmail: string | null }[]> {
    const rows: { id: string; contact_email: string | null }[] = await this.items.query(
      'SELECT id, lower(contact_email) AS contact_email FROM command_queue_items WHERE company = $1 ORDER BY created_at DESC LIMIT $2',
      [company, COMPANY_MOVES_READ],
    );
    return rows.map((row) => ({ id: row.id, contactEmail: row.contact_email }));
  }

  /** The ids of a person's moves (their contact, or made by one of `signalIds`); locked when read inside the erasure's transaction. */
  contactMoveIds(address: ContactAddress, signalIds: readonly string[], manager?: EntityManager): Promise<string[]> {
    return contactMoveIds(manager ?? this.items.manager, address, signalIds, manager !== undefined);
  }

  /** The person's moves (`moveIds`) and any other move mentioning their address, oldest first. */
  async exportContact(address: ContactAddress, moveIds: readonly string[]): Promise<CommandQueueMove[]> {
    return (await contactMovesAndMentions(this.items.manager, address, moveIds)).map(toMove);
  }

  /**
   * Inside the erasure's transaction: the person's moves go, except `keptMoveIds` (their executions
   * count), which stay anonymous and closed; an open one is dismissed with its audit entry like any
   * change. Other moves mentioning the address have it replaced. Call `announce` after the commit.
   */
  async eraseContact(
    manager: EntityManager,
    address: ContactAddress,
    moveIds: readonly string[],
    keptMoveIds: readonly string[],
    by: Actor,
  ): Promise<{ rows: ErasedRows; announce: () => Promise<void> }> {
    const erased = await eraseContactMoves(manager, address, moveIds, keptMoveIds, this.clock.now());
    const kept = erased.kept.map((raw) => ({
      move: toMove(WriteStatement.hydrate<CommandQueueItem>(this.items.metadata, raw)),
      from: raw.from_status as QueueItemStatus,
    }));
    await this.audit.recordWithin(
      manager,
      kept
        .filter(({ move, from }) => move.status !== from)
        .map(({ move, from }) => ({
          ...this.auditRecord('queue.item.updated', move.id, by),
          detail: { domain: move.domain, status: move.status, from, to: move.status, contact_erased: true },
        })),
    );
    return {
      rows: { deleted: erased.deleted, scrubbed: erased.scrubbed },
      announce: async () => {
        this.invalidate();
        for (const { move } of kept) await this.announceUpdated(move);
      },
    };
  }

  /** Snoozed moves whose time has come go back to pending. */
  async wakeSnoozed(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (let woken = WAKE_BATCH; woken === WAKE_BATCH; total += woken) woken = await this.wakeBatch(now);
    return total;
  }

  /** Up to WAKE_BATCH due moves, woken with their audit entries in one transaction; the streams hear of them after. */
  private async wakeBatch(now: Date): Promise<number> {
    const woken = await this.items.manager.transaction(async (manager) => {
      const [rows] = await manager.query<[Record<string, unknown>[], number]>(
        `UPDATE command_queue_items
            SET status = 'pending', snoozed_until = NULL, version = version + 1, updated_at = $1, status_changed_at = $1
          WHERE id IN (SELECT id FROM command_queue_items WHERE status = 'snoozed' AND snoozed_until <= $1
                        ORDER BY snoozed_until LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        [now, WAKE_BATCH],
      );
      const moves = rows.map((row) => toMove(WriteStatement.hydrate<CommandQueueItem>(this.items.metadata, row)));
      await this.audit.recordWithin(
        manager,
        moves.map((move) => ({
          ...this.auditRecord('queue.item.updated', move.id, { actor: 'system:snooze-wake' }),
          detail: { domain: move.domain, status: move.status, from: 'snoozed', to: 'pending' },
        })),
      );
      return moves;
    });
    await this.announceAllUpdated(woken);
    return woken.length;
  }

  /**
   * Asks for the open moves of a pair to be rescored soon: one BullMQ job per pair at a time
   * (deduplicated across replicas), so a burst of outcomes costs one pass.
   */
  requestRescore(domain: Domain, actionType: ActionType): void {
    const request: RescoreRequest = { domain, actionType };
    // Not awaited: with Redis down BullMQ waits for it; the next outcome of the pair asks again.
    void this.rescoreJobs
      .add(ENQUEUED_JOBS.rescoreOpenMoves, request, {
        delay: RESCORE_DEBOUNCE_MS,
        deduplication: { id: `rescore:${domain}:${actionType}`, ttl: RESCORE_DEBOUNCE_MS },
      })
      .catch((error: Error) => this.logger.warn({ event: 'rescore_not_scheduled', domain, action_type: actionType, error: error.message }));
  }

  /**
   * Rescores the pair's open moves with the success history as it stands now (read once),
   * highest score first and at most RESCORE_MAX_MOVES, and announces each move whose score
   * changed like any other change (live streams, Today cache).
   */
  async rescoreOpenMoves(domain: Domain, actionType: ActionType): Promise<{ rescored: number; changed: number }> {
    const success = await this.scorer.freshSuccessHistory(domain, actionType);
    const rows: { id: string }[] = await this.items.query(
      `SELECT id FROM command_queue_items WHERE domain = $1 AND action_type = $2 AND status = ANY($3::text[])
        ORDER BY aps DESC, id LIMIT $4`,
      [domain, actionType, RESCORED_STATUSES, RESCORE_MAX_MOVES],
    );
    let changed = 0;
    for (let start = 0; start < rows.length; start += RESCORE_PAGE) {
      const page = await this.items.findBy({ id: In(rows.slice(start, start + RESCORE_PAGE).map((row) => row.id)) });
      for (const item of page) if (await this.rescore(item, success)) changed++;
    }
    return { rescored: rows.length, changed };
  }

  /**
   * Scores a move again at the moment it was first scored, so only what was learned moves it (the
   * success rate, the contact's history, the account's risk), not the time it has waited.
   * True when its score changed and it was still open to store it.
   */
  private async rescore(item: CommandQueueItem, success: SuccessHistory): Promise<boolean> {
    const inputs = await this.withAccountRisk(item.domain, item.company, item.scoreInputs);
    const score = await this.scorer.score(item.domain, item.actionType, inputs, item.contactEmail, { at: item.createdAt, success });
    if (score.aps === item.aps && isDeepStrictEqual(score.breakdown, item.apsBreakdown) && isDeepStrictEqual(score.reasons, item.reasons)) return false;
    const [rows] = await this.items.query<[Record<string, unknown>[], number]>(
      `UPDATE command_queue_items
          SET aps = $2, aps_breakdown = $3::jsonb, reasons = $4::jsonb, score_inputs = $5::jsonb, version = version + 1, updated_at = $6
        WHERE id = $1 AND status = ANY($7::text[])
       RETURNING *`,
      [item.id, score.aps, JSON.stringify(score.breakdown), JSON.stringify(score.reasons), JSON.stringify(inputs), this.clock.now(), RESCORED_STATUSES],
    );
    if (rows.length === 0) return false;
    await this.announceUpdated(toMove(WriteStatement.hydrate<CommandQueueItem>(this.items.metadata, rows[0])));
    return true;
  }

  /** A CS move is as urgent as its account is at risk, read when it is scored. */
  private async withAccountRisk(domain: Domain, company: string | null, inputs: ScoreInputs): Promise<ScoreInputs> {
    return domain === 'cs' ? { ...inputs, account_risk: await this.accounts.riskOf(company) } : inputs;
  }

  private invalidate() {
    this.todayCache.clear();
    this.countsCache.clear();
  }

  private async announceUpdated(move: CommandQueueMove) {
    this.invalidate();
    await this.events.publish('queue.item.updated', { type: 'queue.item.updated', item: move });
  }

  /** A batch of changes in one round trip to the bus: one awaited publish per move made a wake-up backlog crawl under load. */
  private async announceAllUpdated(moves: readonly CommandQueueMove[]) {
    if (moves.length === 0) return;
    this.invalidate();
    await this.events.publishAll(moves.map((move) => ({ type: 'queue.item.updated', data: { type: 'queue.item.updated', item: move } })));
  }

  private auditRecord(action: string, id: string, by: Actor) {
    return { actor: by.actor, action, subject: `command_queue_item:${id}`, requestId: by.requestId ?? null, result: 'success' as const };
  }

  /** The moves of these ids in a few fields, keyed by id, in one query (a page of signals shows what each made); ids of no move are left out. */
  async summariesByIds(ids: readonly string[]): Promise<ReadonlyMap<string, MoveSummary>> {
    if (ids.length === 0) return new Map();
    const items = await this.items.find({
      select: { id: true, status: true, title: true, aps: true, domain: true, actionType: true, version: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(
      items.map((item) => [
        item.id,
        { id: item.id, status: item.status, title: item.title, aps: item.aps, domain: item.domain, action_type: item.actionType, version: item.version },
      ]),
    );
  }
}
