import type { ExecutionView } from '@caseyos/contracts';

/**
 * The execution an outcome belongs to, of candidates newest first (all inside the attribution
 * window): the one its evidence names (the draft a reply answers, the event, the deal's move),
 * else the latest.
 */
export function attributedExecution(candidates: readonly ExecutionView[], named: (execution: ExecutionView) => boolean): ExecutionView | null {
  return candidates.find(named) ?? candidates[0] ?? null;
}

/** Whether the execution made an object of this kind that `matches` (by its id or refs). */
export function madeObject(execution: ExecutionView, kind: string, matches: (object: { id: string; refs: Record<string, string> }) => boolean): boolean {
  return (execution.result?.objects ?? []).some((object) => object.kind === kind && matches({ id: object.id, refs: object.refs ?? {} }));
}
