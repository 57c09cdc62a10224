import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditEntry, AuditResult, Page } from '@caseyos/contracts';
import { FindOptionsWhere, LessThan, Repository } from 'typeorm';
import { CLOCK, Clock } from '../clock/clock';
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

/** The audit trail every module writes to: who did what, when, to what, and how it ended. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(record: AuditRecord): Promise<void> {
    await this.entries.save({
      at: this.clock.now(),
      actor: record.actor,
      action: record.action,
      subject: record.subject,
      requestId: record.requestId ?? null,
      detail: record.detail ?? null,
      result: record.result,
      statusCode: record.statusCode ?? null,
    });
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
