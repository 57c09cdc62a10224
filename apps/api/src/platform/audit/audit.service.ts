import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEntry, AuditResult, Page } from '@caseyos/contracts';
import { EntityManager, Repository } from 'typeorm';
import { CLOCK, Clock } from '../clock/clock';
import { GroupInsert } from '../database/group-insert';
import { MAX_ROWS_PER_INSERT, WriteStatement } from '../database/write-statement';
import { newestFirstPage } from '../http/keyset-page';
import { validationFailed } from '../http/validation';
import { ContactAddress } from '../personal-data/contact-address';
import { Mentions } from '../personal-data/mentions';
import { AuditLogEntry } from './audit-log.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  subject: string;
  requestId?: string | null;
  detail?: Record<string, unknown> | null;
  result: AuditResult;
  statusCode?: number | null;
}

/** Postgres's largest bigint: one more is an error (22003), not an empty page. */
const BIGINT_MAX = 2n ** 63n - 1n;
/** audit_log ids are bigint serials. */
const isAuditId = (id: string) => /^\d{1,19}$/.test(id) && BigInt(id) <= BIGINT_MAX;

/** What an entry about a move or an outcome may say about the person: free text (a note, a dismissal's reason) and an outcome's evidence. */
const PERSONAL_DETAIL = ['note', 'dismissReason', 'evidence_key'];

export interface AuditQuery {
  actor?: string;
  action?: string;
  subject?: string;
  /** Subjects `<subjectType>:…`, or with `subjectId` exactly `<subjectType>:<subjectId>`. */
  subjectType?: string;
  subjectId?: string;
  /** ISO instants: `at` in [from, to). */
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** The audit trail every module writes to: who did what, when, to what, and how it ended. */
@Injectable()
export class AuditService {
  private readonly grouped = new GroupInsert<Omit<AuditLogEntry, 'id'>>((entries) => this.insert(entries));

  constructor(
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Resolves once the entry is stored. Entries recorded while an earlier write is in flight are
   * stored together in one INSERT when it returns (group commit): under load every request
   * still waits for its own entry, but they share the round trip.
   */
  record(record: AuditRecord): Promise<void> {
    return this.grouped.add(this.entryFor(record));
  }

  /**
   * The entry as part of a larger statement, written only if `gate` yields a row: the entry
   * commits (or not) with the change it describes.
   */
  addTo(statement: WriteStatement, name: string, gate: string | null, record: AuditRecord): void {
    statement.insert(name, this.entries.metadata, this.entryFor(record), { gate });
  }

  /** The entries inside the caller's transaction: they commit or roll back with the changes they describe. */
  async recordWithin(manager: EntityManager, records: readonly AuditRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += MAX_ROWS_PER_INSERT) {
      const { sql, values } = WriteStatement.insertRows(
        this.entries.metadata,
        records.slice(start, start + MAX_ROWS_PER_INSERT).map((record) => this.entryFor(record)),
      );
      await manager.query(sql, values);
    }
  }

  private async insert(entries: Omit<AuditLogEntry, 'id'>[]): Promise<void> {
    const { sql, values } = WriteStatement.insertRows(this.entries.metadata, entries);
    await this.entries.query(sql, values);
  }

  private entryFor(record: AuditRecord): Omit<AuditLogEntry, 'id'> {
    return {
      at: this.clock.now(),
      actor: record.actor,
      action: record.action,
      subject: record.subject,
      requestId: record.requestId ?? null,
      detail: record.detail ?? null,
      result: record.result,
      statusCode: record.statusCode ?? null,
    };
  }

  /**
   * Newest first by `at` (ties by id), a keyset page at a time; each filter, and a time window
   * with any of them, walks an index in that order (migration audit-log-filters).
   */
  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
      throw validationFailed([{ field: 'to', messages: ['to must be after from'] }]);
    }
    const select = this.entries.createQueryBuilder('entry');
    if (query.actor) select.andWhere('entry.actor = :actor', { actor: query.actor });
    if (query.action) select.andWhere('entry.action = :action', { action: query.action });
    if (query.subject) select.andWhere('entry.subject = :subject', { subject: query.subject });
    if (query.subjectType && query.subjectId) {
      select.andWhere('entry.subject = :typedSubject', { typedSubject: `${query.subjectType}:${query.subjectId}` });
    } else if (query.subjectType) {
      // `_` is a LIKE wildcard, and subject types are full of them.
      select.andWhere('entry.subject LIKE :subjectPrefix', { subjectPrefix: `${query.subjectType.replaceAll('_', '\\_')}:%` });
    }
    if (query.from) select.andWhere('entry.at >= :from', { from: new Date(query.from) });
    if (query.to) select.andWhere('entry.at < :to', { to: new Date(query.to) });
    const { rows, nextCursor } = await newestFirstPage(select, 'at', (row) => row.at, query.cursor, query.limit, isAuditId);
    return { items: rows.map(toAuditEntry), next_cursor: nextCursor };
  }

  /**
   * Entries that mention the address, or whose subject names one of `relatedIds` (the person's
   * moves, executions and outcomes: `command_queue_item:<id>`, `/api/command-queue/<id>/execute`),
   * oldest first.
   */
  async exportContact(address: ContactAddress, relatedIds: readonly string[]): Promise<AuditEntry[]> {
    const rows = await this.entries
      .createQueryBuilder('entry')
      .where(`(${Mentions.of(this.entries.metadata).condition(':pattern', 'entry')} OR ${subjectNamesOneOf(':relatedIds', 'entry.subject')})`, {
        pattern: address.pattern,
        relatedIds,
      })
      .orderBy('entry.id', 'ASC')
      .getMany();
    return rows.map(toAuditEntry);
  }

  /**
   * Inside the erasure's transaction: the address is replaced wherever an entry mentions it, and
   * entries about the person's moves, executions and outcomes lose what they said about the
   * person (notes, a dismissal's reason, an outcome's evidence). The entries stay: the trail of
   * what happened is kept, without whom it happened to. How many entries changed.
   */
  async eraseContact(manager: EntityManager, address: ContactAddress, relatedIds: readonly string[]): Promise<number> {
    const mentioning = await Mentions.of(this.entries.metadata).scrub(manager, address);
    const [personal] = await manager.query<[{ id: string }[], number]>(
      `UPDATE audit_log SET detail = detail - $2::text[] WHERE detail ?| $2::text[] AND ${subjectNamesOneOf('$1', 'subject')} RETURNING id::text`,
      [relatedIds, PERSONAL_DETAIL],
    );
    return new Set([...mentioning, ...personal.map((row) => row.id)]).size;
  }
}

/** SQL: the subject contains one of the ids in the text array `ids`. */
const subjectNamesOneOf = (ids: string, subject: string) =>
  `EXISTS (SELECT 1 FROM unnest(CAST(${ids} AS text[])) AS related(id) WHERE strpos(${subject}, related.id) > 0)`;

function toAuditEntry(row: AuditLogEntry): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    request_id: row.requestId,
    detail: row.detail,
    result: row.result,
    status_code: row.statusCode,
  };
}
