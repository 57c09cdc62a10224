import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OutcomeType, Page } from '@caseyos/contracts';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { newestFirstPage } from '../platform/http/keyset-page';
import type { ContactAddress } from '../platform/personal-data/contact-address';
import { Mentions } from '../platform/personal-data/mentions';
import { OutcomeEvent } from './entities/outcome-event.entity';

export interface OutcomeFilters {
  itemId?: string;
  executionId?: string;
  contactEmail?: string;
  outcomeType?: OutcomeType;
  /** detected_at in [from, to) */
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** An outcome as the stats count it. */
export interface OutcomeFact {
  executionId: string;
  outcomeType: OutcomeType;
  detectedAt: Date;
  /** For a deal outcome: the deal and its amount then. */
  deal: { id: string; amountUsd: number } | null;
}

/** What an erasure did to outcome_events, and the outcomes of the person (their audit entries lose their evidence). */
export interface ErasedOutcomes {
  deleted: number;
  scrubbed: number;
  outcomeIds: string[];
}

/** Evidence that points at the person (their messages, a note, their signal); the rest (deal, task, meeting ids) is CaseyOS's and the CRM's. */
const PERSONAL_EVIDENCE = ['note', 'message_id', 'thread_id', 'signal_id'];

/** Reads of the outcome_events table: only this module reads or writes it. */
@Injectable()
export class OutcomeRecords {
  constructor(@InjectRepository(OutcomeEvent) private readonly events: Repository<OutcomeEvent>) {}

  /** Newest detected first, keyset paging. */
  async list(filters: OutcomeFilters): Promise<Page<OutcomeEvent>> {
    const query = this.events.createQueryBuilder('outcome');
    if (filters.itemId) query.andWhere('outcome.item_id = :itemId', { itemId: filters.itemId });
    if (filters.executionId) query.andWhere('outcome.execution_id = :executionId', { executionId: filters.executionId });
    if (filters.contactEmail) query.andWhere('outcome.contact_email = :contactEmail', { contactEmail: filters.contactEmail.toLowerCase() });
    if (filters.outcomeType) query.andWhere('outcome.outcome_type = :outcomeType', { outcomeType: filters.outcomeType });
    if (filters.from) query.andWhere('outcome.detected_at >= :from', { from: filters.from });
    if (filters.to) query.andWhere('outcome.detected_at < :to', { to: filters.to });
    const page = await newestFirstPage(query, 'detected_at', (outcome) => outcome.detectedAt, filters.cursor, filters.limit);
    return { items: page.rows, next_cursor: page.nextCursor };
  }

  /** Every outcome attributed to these executions (the unique evidence index serves the lookup). */
  async factsOf(executionIds: readonly string[]): Promise<OutcomeFact[]> {
    if (executionIds.length === 0) return [];
    // Instants as epoch milliseconds: a cohort's outcomes are many, and timestamp parsing would cost more than the query.
    const rows: { execution_id: string; outcome_type: OutcomeType; detected_ms: number; deal_id: string | null; deal_amount_usd: string | null }[] =
      await this.events.query(
        `SELECT execution_id, outcome_type, (extract(epoch FROM detected_at) * 1000)::float8 AS detected_ms,
              metadata->>'deal_id' AS deal_id, metadata->>'deal_amount_usd' AS deal_amount_usd
         FROM outcome_events WHERE execution_id = ANY($1::uuid[])`,
        [executionIds],
      );
    return rows.map((row) => ({
      executionId: row.execution_id,
      outcomeType: row.outcome_type,
      detectedAt: new Date(row.detected_ms),
      deal: row.deal_id ? { id: row.deal_id, amountUsd: Number(row.deal_amount_usd) || 0 } : null,
    }));
  }

  /** The contacts with an outcome of these types detected after `after`. */
  async contactsWithOutcomesSince(types: readonly OutcomeType[], after: Date): Promise<Set<string>> {
    const rows: { contact_email: string }[] = await this.events.query(
      'SELECT DISTINCT contact_email FROM outcome_events WHERE detected_at > $1 AND outcome_type = ANY($2::text[]) AND contact_email IS NOT NULL',
      [after, types],
    );
    return new Set(rows.map((row) => row.contact_email));
  }

  /** A contact's outcomes of these types detected after `after` (the contact index serves it). */
  async ofContactSince(contactEmail: string, types: readonly OutcomeType[], after: Date): Promise<{ outcomeType: OutcomeType; detectedAt: Date }[]> {
    const rows: { outcome_type: OutcomeType; detected_at: Date }[] = await this.events.query(
      'SELECT outcome_type, detected_at FROM outcome_events WHERE contact_email = $1 AND detected_at > $2 AND outcome_type = ANY($3::text[])',
      [contactEmail.toLowerCase(), after, types],
    );
    return rows.map((row) => ({ outcomeType: row.outcome_type, detectedAt: row.detected_at }));
  }

  /** Outcomes of these moves and types detected at or after `since`, with the signal behind each (the item index serves it). */
  async ofMovesSince(itemIds: readonly string[], types: readonly OutcomeType[], since: Date): Promise<{ outcomeType: OutcomeType; signalId: string | null }[]> {
    if (itemIds.length === 0) return [];
    const rows: { outcome_type: OutcomeType; signal_id: string | null }[] = await this.events.query(
      `SELECT outcome_type, metadata->>'signal_id' AS signal_id FROM outcome_events
        WHERE item_id = ANY($1::uuid[]) AND detected_at >= $2 AND outcome_type = ANY($3::text[])`,
      [itemIds, since, types],
    );
    return rows.map((row) => ({ outcomeType: row.outcome_type, signalId: row.signal_id }));
  }

  /** The person's outcomes (their contact, or one of their moves) and any other outcome mentioning the address, oldest first. */
  ofContact(address: ContactAddress, moveIds: readonly string[]): Promise<OutcomeEvent[]> {
    return this.events
      .createQueryBuilder('outcome')
      .where(`(outcome.contact_email = :email OR outcome.item_id = ANY(:moveIds) OR ${Mentions.of(this.events.metadata).condition(':pattern', 'outcome')})`, {
        email: address.email,
        moveIds,
        pattern: address.pattern,
      })
      .orderBy('outcome.detected_at', 'ASC')
      .addOrderBy('outcome.id', 'ASC')
      .getMany();
  }

  /**
   * Inside the erasure's transaction: outcomes of the moves that go (`deletedMoveIds`) go too; the
   * person's others stay for the counts, without contact or personal evidence (their evidence key
   * becomes `erased:<id>`, unique, so nothing can be matched to them again); any other outcome has
   * the address replaced.
   */
  async eraseContact(manager: EntityManager, address: ContactAddress, moveIds: readonly string[], deletedMoveIds: readonly string[]): Promise<ErasedOutcomes> {
    const [deleted] = await manager.query<[{ id: string }[], number]>('DELETE FROM outcome_events WHERE item_id = ANY($1::uuid[]) RETURNING id', [
      deletedMoveIds,
    ]);
    const [kept] = await manager.query<[{ id: string }[], number]>(
      `UPDATE outcome_events SET contact_email = NULL, metadata = metadata - $3::text[], evidence_key = 'erased:' || id
        WHERE contact_email = $1 OR item_id = ANY($2::uuid[])
       RETURNING id`,
      [address.email, moveIds, PERSONAL_EVIDENCE],
    );
    const mentioning = await Mentions.of(this.events.metadata).scrub(manager, address);
    const scrubbed = new Set([...kept.map((row) => row.id), ...mentioning]);
    return { deleted: deleted.length, scrubbed: scrubbed.size, outcomeIds: [...deleted.map((row) => row.id), ...scrubbed] };
  }

  /** The stored event with the same evidence (what a duplicate record answers). */
  same(event: OutcomeEvent): Promise<OutcomeEvent> {
    const { outcomeType, evidenceKey } = event;
    return this.events.findOneByOrFail(
      event.executionId
        ? { executionId: event.executionId, outcomeType, evidenceKey }
        : { itemId: event.itemId, executionId: IsNull(), outcomeType, evidenceKey },
    );
  }
}
