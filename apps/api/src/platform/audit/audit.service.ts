import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEntry, AuditResult, Page } from '@caseyos/contracts';
import { EntityManager, FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { CLOCK, Clock } from '../clock/clock';
import { GroupInsert } from '../database/group-insert';
import { MAX_ROWS_PER_INSERT, WriteStatement } from '../database/write-statement';
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

/** What an entry about a move or an outcome may say about the person: free text (a note, a dismissal's reason) and an outcome's evidence. */
const PERSONAL_DETAIL = ['note', 'dismissReason', 'evidence_key'];

export interface AuditQuery {
  actor?: string;
  action?: string;
  subject?: string;
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

  /** Newest first; the cursor is the id of the last entry of the previous page. */
  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const where: FindOptionsWhere<AuditLogEntry> = {};
    if (query.actor) where.actor = query.actor;
    if (query.action) where.action = query.action;
    if (query.subject) where.subject = query.subject;
    if (query.cursor) where.id = LessThan(query.cursor);
    const rows = await this.entries.find({ where, order: { id: 'DESC' }, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toAuditEntry),
      next_cursor: rows.length > query.limit ? page[page.length - 1].id : null,
    };
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
