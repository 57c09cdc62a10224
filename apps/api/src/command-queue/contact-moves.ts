import { OPEN_STATUSES } from '@caseyos/contracts';
import type { EntityManager } from 'typeorm';
import { ContactAddress, ERASED } from '../platform/personal-data/contact-address';
import { Mentions } from '../platform/personal-data/mentions';
import { CommandQueueItem } from './entities/command-queue-item.entity';

/** Why a move that stays (an execution of it counts) was closed by an erasure. */
export const ERASED_DISMISS_REASON = 'contact erased';

/**
 * The moves that are a person's: their contact is the address (in any case), or a signal of
 * theirs made them. Locked for the caller's transaction when `lock`.
 */
export async function contactMoveIds(manager: EntityManager, address: ContactAddress, signalIds: readonly string[], lock = false): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM command_queue_items WHERE lower(contact_email) = $1 OR signal_id = ANY($2::uuid[]) ORDER BY created_at, id${lock ? ' FOR UPDATE' : ''}`,
    [address.email, signalIds],
  );
  return rows.map((row) => row.id);
}

/** The person's moves and any other move that mentions their address, oldest first. */
export function contactMovesAndMentions(manager: EntityManager, address: ContactAddress, moveIds: readonly string[]): Promise<CommandQueueItem[]> {
  const mentions = Mentions.of(manager.connection.getMetadata(CommandQueueItem));
  return manager
    .getRepository(CommandQueueItem)
    .createQueryBuilder('item')
    .where(`(item.id = ANY(:moveIds) OR ${mentions.condition(':pattern', 'item')})`, { moveIds, pattern: address.pattern })
    .orderBy('item.created_at', 'ASC')
    .addOrderBy('item.id', 'ASC')
    .getMany();
}

export interface ErasedMoves {
  deleted: number;
  /** Moves kept for their executions, the person taken out; those still open closed (dismissed). As raw rows. */
  kept: Record<string, unknown>[];
  /** Moves changed: kept ones and others whose text mentioned the address. */
  scrubbed: number;
}

/**
 * Inside the erasure's transaction: deletes the person's moves no execution refers to; keeps the
 * others as anonymous closed moves (contact, name, title, parameters and signal gone; an open
 * one dismissed), so what their executions count stays true; replaces the address in any other
 * move that mentions it.
 */
export async function eraseContactMoves(
  manager: EntityManager,
  address: ContactAddress,
  moveIds: readonly string[],
  keptMoveIds: readonly string[],
  now: Date,
): Promise<ErasedMoves> {
  // Only the person's moves are theirs to anonymise, whatever executions say.
  const kept = new Set(keptMoveIds.filter((id) => moveIds.includes(id)));
  const [, deleted] = await manager.query<[unknown, number]>('DELETE FROM command_queue_items WHERE id = ANY($1::uuid[])', [
    moveIds.filter((id) => !kept.has(id)),
  ]);
  const [rows] = await manager.query<[Record<string, unknown>[], number]>(
    `WITH before AS (SELECT id, status FROM command_queue_items WHERE id = ANY($1::uuid[]))
     UPDATE command_queue_items item
        SET contact_email = NULL, contact_name = NULL, title = $2, action_params = '{}'::jsonb, signal_id = NULL, snoozed_until = NULL,
            status = CASE WHEN before.status = ANY($3::text[]) THEN 'dismissed' ELSE before.status END,
            dismiss_reason = CASE WHEN before.status = ANY($3::text[]) OR before.status = 'dismissed' THEN $4 END,
            status_changed_at = CASE WHEN before.status = ANY($3::text[]) THEN $5 ELSE item.status_changed_at END,
            version = item.version + 1, updated_at = $5
       FROM before WHERE item.id = before.id
     RETURNING item.*, before.status AS from_status`,
    [[...kept], ERASED, OPEN_STATUSES, ERASED_DISMISS_REASON, now],
  );
  const mentioning = await Mentions.of(manager.connection.getMetadata(CommandQueueItem)).scrub(manager, address);
  return { deleted, kept: rows, scrubbed: new Set([...rows.map((row) => String(row.id)), ...mentioning]).size };
}
