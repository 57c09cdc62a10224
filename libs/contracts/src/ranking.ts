import type { CommandQueueMove } from './command-queue';

/**
 * Today's ranking, the one definition: highest APS first, then the earliest due date (a move
 * without one last), then the oldest, then the id. The API orders its SQL by these keys (and its
 * partial indexes follow them); the dashboard inserts a live change with `compareByRank`.
 */
export const RANKING_ORDER = [
  { field: 'aps', column: 'aps', direction: 'DESC' },
  { field: 'due_at', column: 'due_at', direction: 'ASC', nulls: 'LAST' },
  { field: 'created_at', column: 'created_at', direction: 'ASC' },
  { field: 'id', column: 'id', direction: 'ASC' },
] as const satisfies readonly { field: keyof CommandQueueMove; column: string; direction: 'ASC' | 'DESC'; nulls?: 'LAST' }[];

type RankedMove = Pick<CommandQueueMove, 'aps' | 'due_at' | 'created_at' | 'id'>;

/** Negative when `a` ranks above `b`, as the API's ORDER BY would place them. */
export function compareByRank(a: RankedMove, b: RankedMove): number {
  const due = (move: RankedMove) => (move.due_at ? Date.parse(move.due_at) : Number.POSITIVE_INFINITY);
  // Ids compare by code unit, like Postgres compares uuids (hex digits, lower case).
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return b.aps - a.aps || due(a) - due(b) || Date.parse(a.created_at) - Date.parse(b.created_at) || byId;
}
