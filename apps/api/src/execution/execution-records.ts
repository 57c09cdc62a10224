import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ActionType, Domain, ExecutionStatus, Page } from '@caseyos/contracts';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CLOCK, Clock } from '../platform/clock/clock';
import { GroupInsert } from '../platform/database/group-insert';
import { WriteStatement } from '../platform/database/write-statement';
import { newestFirstPage } from '../platform/http/keyset-page';
import { problemType } from '../platform/http/problem-details';
import { ProblemException } from '../platform/http/problem-details.filter';
import type { ContactAddress } from '../platform/personal-data/contact-address';
import { Mentions } from '../platform/personal-data/mentions';
import { Execution } from './entities/execution.entity';

export interface ExecutionFilters {
  itemId?: string;
  status?: ExecutionStatus;
  actionType?: ActionType;
  dryRun?: boolean;
  contactEmail?: string;
  cursor?: string;
  limit: number;
}

/** What outcome statistics need of a succeeded execution. */
export interface SucceededExecution {
  id: string;
  domain: Domain;
  actionType: ActionType;
  startedAt: Date;
  finishedAt: Date;
}

export interface AttributionQuery {
  ids?: readonly string[];
  itemIds?: readonly string[];
  contactEmail?: string | null;
  actionTypes?: readonly ActionType[];
  finishedAfter: Date;
  finishedBefore: Date;
  limit: number;
  /** Oldest first, for a sweep that walks forward; newest first otherwise. */
  oldestFirst?: boolean;
  /** With `oldestFirst`: of the executions that finished exactly at `finishedAfter`, those after this id too (where the sweep stopped). */
  afterId?: string;
}

/** Unique violations the claim can hit: the key, or a second active execution of the move. */
export type ClaimConflict = 'idempotency_key' | 'item_active';

export function claimConflictOf(error: unknown): ClaimConflict | null {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string; driverError?: { constraint?: string } };
  if (code !== '23505') return null;
  const name = constraint ?? (error as { driverError?: { constraint?: string } }).driverError?.constraint;
  if (name === 'uq_executions_idempotency_key') return 'idempotency_key';
  if (name === 'uq_executions_item_active') return 'item_active';
  return null;
}

/** The executions table: only this module reads or writes it. */
@Injectable()
export class ExecutionRecords {
  /** Dry runs change nothing else, so concurrent ones share one INSERT (group commit). */
  private readonly dryRuns = new GroupInsert<Execution>((rows) => {
    const { sql, values } = WriteStatement.insertRows(this.executions.metadata, rows);
    return this.executions.query(sql, values);
  });

  constructor(
    @InjectRepository(Execution) private readonly executions: Repository<Execution>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get manager(): EntityManager {
    return this.executions.manager;
  }

  async get(id: string): Promise<Execution> {
    const execution = await this.find(id);
    if (!execution) throw new ProblemException(404, 'not-found', `No execution ${id}.`);
    return execution;
  }

  find(id: string): Promise<Execution | null> {
    return this.executions.findOneBy({ id });
  }

  /** The execution holding an idempotency key that has not expired. */
  byKey(key: string): Promise<Execution | null> {
    return this.executions.findOneBy({ idempotencyKey: key, idempotencyExpiresAt: MoreThan(this.clock.now()) });
  }

  /** In one query: the live holder of `key`, and the move's queued or running execution (at most one: a unique index). */
  async lookup(key: string, itemId: string): Promise<{ holder: Execution | null; active: Execution | null }> {
    const rows = await this.executions
      .createQueryBuilder('execution')
      .where('(execution.idempotency_key = :key AND execution.idempotency_expires_at > :now)', { key, now: this.clock.now() })
      .orWhere("(execution.item_id = :itemId AND execution.status IN ('queued', 'running') AND NOT execution.dry_run)", { itemId })
      .getMany();
    return {
      holder: rows.find((row) => row.idempotencyKey === key) ?? null,
      active: rows.find((row) => row.itemId === itemId && row.idempotencyKey !== key) ?? null,
    };
  }

  /** A key past its lifetime may be used again: the old execution lets go of it (in the claim's transaction). */
  async releaseExpiredKey(manager: EntityManager, key: string): Promise<void> {
    await manager.query('UPDATE executions SET idempotency_key = NULL WHERE idempotency_key = $1 AND idempotency_expires_at <= $2', [key, this.clock.now()]);
  }

  /** Resolves once the dry run is stored. */
  recordDryRun(execution: Execution): Promise<void> {
    return this.dryRuns.add(execution);
  }

  async insert(manager: EntityManager, execution: Execution): Promise<void> {
    await manager.getRepository(Execution).insert(asWritable(execution));
  }

  /**
   * Adds the insert of a claimed execution to `statement`, unless the emergency stop is active at
   * that moment (read in the same statement, uncached: an execute that was planning when the
   * stop was pressed does not run). The part yields no row when stopped.
   */
  addClaim(statement: WriteStatement, execution: Execution): string {
    const notStopped = statement.with('not_stopped', 'SELECT 1 FROM execution_emergency_stop WHERE id = 1 AND NOT active');
    return statement.insert('claimed_execution', this.executions.metadata, execution, { gate: notStopped, returning: 'id' });
  }

  /** Writes the changes; the caller keeps the row it had, changed in memory (no read back). */
  async update(manager: EntityManager, id: string, changes: Partial<Execution>): Promise<void> {
    await manager.getRepository(Execution).update({ id }, asWritable({ ...changes, updatedAt: this.clock.now() }));
  }

  /** Adds the record of how a running execution ended to `statement` (no row when it is not running any more). */
  addFinish(statement: WriteStatement, id: string, changes: Partial<Execution>): string {
    return statement.update(
      'finished_execution',
      this.executions.metadata,
      { ...changes, updatedAt: this.clock.now() },
      `id = ${statement.param(id, 'uuid')} AND status = 'running'`,
      'id',
    );
  }

  /** Deletes up to `limit` dry runs recorded before `before` (oldest first); how many went. */
  async forgetDryRuns(before: Date, limit: number): Promise<number> {
    const [, deleted] = await this.executions.query<[unknown, number]>(
      'DELETE FROM executions WHERE id IN (SELECT id FROM executions WHERE dry_run AND created_at < $1 ORDER BY created_at LIMIT $2)',
      [before, limit],
    );
    return deleted;
  }

  /** Running executions started before `startedBefore`: their process died or could not record the end. */
  stuck(startedBefore: Date, limit: number): Promise<Execution[]> {
    return this.executions
      .createQueryBuilder('execution')
      .where("execution.status = 'running' AND NOT execution.dry_run AND execution.started_at < :startedBefore", { startedBefore })
      .orderBy('execution.started_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Succeeded executions that retried, finished after `since`: a retry may have made a duplicate the search did not show yet. */
  retried(since: Date, limit: number): Promise<Execution[]> {
    return this.executions
      .createQueryBuilder('execution')
      .where("execution.status = 'succeeded' AND NOT execution.dry_run AND execution.attempts > 1 AND execution.finished_at > :since", { since })
      .orderBy('execution.finished_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Locks the row for the caller's transaction (a rollback holds it while it undoes). */
  async lock(manager: EntityManager, id: string): Promise<Execution> {
    const execution = await manager.getRepository(Execution).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!execution) throw new ProblemException(404, 'not-found', `No execution ${id}.`);
    return execution;
  }

  /** Takes a queued execution for running; false when another worker took it first. Its 202 answer is no longer the answer. */
  async start(manager: EntityManager, id: string, changes: Partial<Execution>): Promise<boolean> {
    const result = await manager
      .getRepository(Execution)
      .createQueryBuilder()
      .update()
      .set(asWritable({ ...changes, status: 'running', responseStatus: null, responseBody: null, updatedAt: this.clock.now() }))
      .where("id = :id AND status = 'queued'", { id })
      .execute();
    return result.affected === 1;
  }

  /** Queued executions whose time has come, oldest first. */
  due(limit: number): Promise<Execution[]> {
    return this.executions
      .createQueryBuilder('execution')
      .where("execution.status = 'queued' AND execution.run_at <= :now", { now: this.clock.now() })
      .orderBy('execution.run_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Executions that ended in a way that may have left an object behind, finished after `since`. */
  unsettled(since: Date, limit: number): Promise<Execution[]> {
    return this.executions
      .createQueryBuilder('execution')
      .where("execution.status IN ('timed_out', 'failed') AND NOT execution.dry_run AND execution.finished_at > :since", { since })
      .andWhere("execution.error->>'type' IN (:...types)", { types: UNSETTLED_PROBLEM_TYPES })
      .orderBy('execution.finished_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The latest finish of a succeeded real execution of these moves (the item index serves it). */
  async lastSucceededAt(itemIds: readonly string[]): Promise<Date | null> {
    if (itemIds.length === 0) return null;
    const [row] = await this.executions.query<{ at: Date | null }[]>(
      "SELECT max(finished_at) AS at FROM executions WHERE item_id = ANY($1::uuid[]) AND status = 'succeeded' AND NOT dry_run",
      [itemIds],
    );
    return row?.at ?? null;
  }

  /** Real executions that succeeded and started in [from, to) (the action-type index serves it), oldest first. */
  async succeededBetween(from: Date, to: Date, actionTypes: readonly ActionType[]): Promise<SucceededExecution[]> {
    // Raw rows, instants as epoch milliseconds: parsing tens of thousands of timestamps is slower than the query.
    const rows: { id: string; domain: SucceededExecution['domain']; action_type: ActionType; started_ms: number; finished_ms: number }[] =
      await this.executions.query(
        `SELECT id, domain, action_type, (extract(epoch FROM started_at) * 1000)::float8 AS started_ms, (extract(epoch FROM finished_at) * 1000)::float8 AS finished_ms
         FROM executions
        WHERE action_type = ANY($1::text[]) AND NOT dry_run AND status = 'succeeded' AND started_at >= $2 AND started_at < $3
        ORDER BY started_at`,
        [actionTypes, from, to],
      );
    return rows.map((row) => ({
      id: row.id,
      domain: row.domain,
      actionType: row.action_type,
      startedAt: new Date(row.started_ms),
      finishedAt: new Date(row.finished_ms),
    }));
  }

  /**
   * Real executions that succeeded and finished in (finishedAfter, finishedBefore], newest first:
   * those with one of `ids` or `itemIds` or for `contactEmail` when any is given, all otherwise.
   */
  attributable(query: AttributionQuery): Promise<Execution[]> {
    const select = this.executions
      .createQueryBuilder('execution')
      .where("execution.status = 'succeeded' AND NOT execution.dry_run")
      .andWhere(
        query.afterId
          ? '(execution.finished_at > :after OR (execution.finished_at = :after AND execution.id > :afterId)) AND execution.finished_at <= :before'
          : 'execution.finished_at > :after AND execution.finished_at <= :before',
        { after: query.finishedAfter, afterId: query.afterId, before: query.finishedBefore },
      )
      .orderBy('execution.finished_at', query.oldestFirst ? 'ASC' : 'DESC')
      .addOrderBy('execution.id', query.oldestFirst ? 'ASC' : 'DESC')
      .limit(query.limit);
    if (query.actionTypes) select.andWhere('execution.action_type IN (:...actionTypes)', { actionTypes: query.actionTypes });
    const matches: string[] = [];
    if (query.ids?.length) matches.push('execution.id IN (:...ids)');
    if (query.itemIds?.length) matches.push('execution.item_id IN (:...itemIds)');
    if (query.contactEmail) matches.push('execution.contact_email = :contactEmail');
    if (matches.length > 0)
      select.andWhere(`(${matches.join(' OR ')})`, { ids: query.ids, itemIds: query.itemIds, contactEmail: query.contactEmail?.toLowerCase() });
    return select.getMany();
  }

  /**
   * A person's executions, dry runs included: for their contact or one of their moves; with
   * `mentions`, any other execution mentioning the address too. Oldest first; locked for the
   * caller's transaction when `lock`.
   */
  ofContact(
    manager: EntityManager,
    address: ContactAddress,
    moveIds: readonly string[],
    options: { mentions?: boolean; lock?: boolean } = {},
  ): Promise<Execution[]> {
    const mentioning = options.mentions ? ` OR ${Mentions.of(this.executions.metadata).condition(':pattern', 'execution')}` : '';
    const query = manager
      .getRepository(Execution)
      .createQueryBuilder('execution')
      .where(`(execution.contact_email = :email OR execution.item_id = ANY(:moveIds)${mentioning})`, {
        email: address.email,
        moveIds,
        pattern: address.pattern,
      })
      .orderBy('execution.created_at', 'ASC')
      .addOrderBy('execution.id', 'ASC');
    if (options.lock) query.setLock('pessimistic_write');
    return query.getMany();
  }

  /** Deletes these executions (their draft assets go with them); how many went. */
  async deleteWithin(manager: EntityManager, ids: readonly string[]): Promise<number> {
    const [, deleted] = await manager.query<[unknown, number]>('DELETE FROM executions WHERE id = ANY($1::uuid[])', [ids]);
    return deleted;
  }

  /** Replaces the address wherever an execution mentions it (plans, answers, errors); the ids of those changed. */
  scrubMentions(manager: EntityManager, address: ContactAddress): Promise<string[]> {
    return Mentions.of(this.executions.metadata).scrub(manager, address);
  }

  async list(filters: ExecutionFilters): Promise<Page<Execution>> {
    const query = this.executions.createQueryBuilder('execution');
    if (filters.itemId) query.andWhere('execution.item_id = :itemId', { itemId: filters.itemId });
    if (filters.status) query.andWhere('execution.status = :status', { status: filters.status });
    if (filters.actionType) query.andWhere('execution.action_type = :actionType', { actionType: filters.actionType });
    if (filters.dryRun !== undefined) query.andWhere('execution.dry_run = :dryRun', { dryRun: filters.dryRun });
    if (filters.contactEmail) query.andWhere('execution.contact_email = :contactEmail', { contactEmail: filters.contactEmail.toLowerCase() });
    const page = await newestFirstPage(query, 'created_at', (execution) => execution.createdAt, filters.cursor, filters.limit);
    return { items: page.rows, next_cursor: page.nextCursor };
  }
}

/** Problem types after which the provider may have acted although we saw no success. */
export const UNSETTLED_PROBLEM_TYPES = ['execution-timed-out', 'provider-unavailable'].map(problemType);

/** TypeORM's deep-partial type refuses `Record<string, unknown>` inside jsonb columns, which it writes as they are. */
function asWritable(values: Partial<Execution>): QueryDeepPartialEntity<Execution> {
  return values as QueryDeepPartialEntity<Execution>;
}
