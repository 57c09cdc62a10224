import { MoveSummary, SignalListItem } from '@caseyos/contracts';

/** What became of a signal, as far as the page knows. */
export type SignalOutcome = { state: 'move'; move: MoveSummary; inToday: boolean } | { state: 'move-gone' } | { state: 'no-move' } | { state: 'processing' };

/** Of two copies of a move, the newer (the higher version); either may be missing. */
export function newerMove(a: MoveSummary | null | undefined, b: MoveSummary | null | undefined): MoveSummary | null {
  if (!a || !b) {
    return a ?? b ?? null;
  }
  return b.version > a.version ? b : a;
}

/**
 * The signal's move, from the freshest copy (the highest version) of Today's list, a change heard
 * on the stream since the list was loaded, and the list's own. On a tie Today's copy wins: it
 * carries the user's own change of a second ago, not confirmed yet.
 */
export function outcomeOf(item: SignalListItem, heard: ReadonlyMap<string, MoveSummary>, today: ReadonlyMap<string, MoveSummary>): SignalOutcome {
  const moveId = item.item_id;
  if (!moveId) {
    return item.processed_at ? { state: 'no-move' } : { state: 'processing' };
  }
  const inToday = today.get(moveId);
  const move = newerMove(inToday, newerMove(item.move, heard.get(moveId)));
  return move ? { state: 'move', move, inToday: !!inToday } : { state: 'move-gone' };
}

/** The stream's copies still worth keeping once a page of signals arrives: of moves on the page, newer than it says. */
export function stillNewer(heard: ReadonlyMap<string, MoveSummary>, items: readonly SignalListItem[]): ReadonlyMap<string, MoveSummary> {
  const listedVersion = new Map(items.flatMap((item) => (item.item_id ? [[item.item_id, item.move?.version ?? -1] as const] : [])));
  return new Map([...heard].filter(([id, move]) => move.version > (listedVersion.get(id) ?? Number.POSITIVE_INFINITY)));
}
