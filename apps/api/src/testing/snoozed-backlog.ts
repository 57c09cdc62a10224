import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Copies a stored move `count` times as snoozed moves already due, in one statement, and returns
 * the title prefix they share (each is `<prefix><n>`): a wake-up backlog without `count` API calls.
 */
export async function insertDueSnoozedCopies(db: DataSource, templateMoveId: string, count: number): Promise<string> {
  const prefix = `backlog-${randomUUID()}-`;
  await db.query(
    `INSERT INTO command_queue_items
     SELECT (jsonb_populate_record(NULL::command_queue_items, to_jsonb(m) || jsonb_build_object(
       'id', gen_random_uuid(), 'origin_key', NULL, 'status', 'snoozed', 'title', $2 || n,
       'snoozed_until', now() - interval '1 minute'))).*
       FROM command_queue_items m, generate_series(1, $3::int) n WHERE m.id = $1`,
    [templateMoveId, prefix, count],
  );
  return prefix;
}
