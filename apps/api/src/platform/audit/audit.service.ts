import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEntry, AuditResult, Page } from '@caseyos/contracts';
import { EntityManager, FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { CLOCK, Clock } from '../clock/clock';
import { WriteStatement } from '../database/write-statement';
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

export interface AuditQuery {
  actor?: string;
  action?: string;
  subject?: string;
  cursor?: string;
  limit: number;
}

interface PendingEntry {
  entry: Omit<AuditLogEntry, 'id'>;
  written: () => void;
  failed: (error: Error) => void;
}

/** At most this many entries go into one INSERT. */
const MAX_GROUP = 500;

/** The audit trail every module writes to: who did what, when, to what, and how it ended. */
@Injectable()
export class AuditService {
  private waiting: PendingEntry[] = [];
  private writing = false;

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
    return new Promise((written, failed) => {
      this.waiting.push({ entry: this.entryFor(record), written, failed });
      if (!this.writing) void this.writeWaiting();
    });
  }

  /**
   * The entry as part of a larger statement, written only if `gate` yields a row: the entry
   * commits (or not) with the change it describes.
   */
  addTo(statement: WriteStatement, name: string, gate: string | null, record: AuditRecord): void {
    statement.insert(name, this.entries.metadata, this.entryFor(record), { gate });
  }

  /** The entry inside the caller's transaction: it commits or rolls back with the change it describes. */
  async recordWithin(manager: EntityManager, record: AuditRecord): Promise<void> {
    const { sql, values } = WriteStatement.insertRows(this.entries.metadata, [this.entryFor(record)]);
    await manager.query(sql, values);
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

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      try {
        await this.insert(group.map((pending) => pending.entry));
        for (const pending of group) pending.written();
      } catch (error) {
        if (!refusedData(error)) {
          // The database is unreachable or failing: retrying each entry would only wait longer.
          for (const pending of group) pending.failed(error as Error);
          continue;
        }
        // One entry the database refuses must not fail the others: write them one by one.
        for (const pending of group) {
          await this.insert([pending.entry]).then(pending.written, pending.failed);
        }
      }
    }
    this.writing = false;
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
}

/** SQLSTATE class 22 (data exception) or 23 (integrity): a refused value, not a failing database. */
function refusedData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

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
