import type { ExecutionView } from '@caseyos/contracts';
import type { ExecuteFailure } from './execution-format';

/** Where the execute dialog is. */
export type Phase =
  | { kind: 'planning' }
  | { kind: 'plan-error'; message: string; requestId?: string }
  | { kind: 'ready' }
  | { kind: 'executing' }
  | { kind: 'failed'; failure: ExecuteFailure }
  | { kind: 'done'; execution: ExecutionView; replayed: boolean };

/** What the draft allows right now: a dry run of the latest edit on its way, and why it cannot go. */
export interface DraftGate {
  replanning: boolean;
  problems: readonly string[];
}

/**
 * No answer, or a server error that recorded no execution and names no guardrail: the execute may
 * or may not have run, so only a retry of the very same request (same edit, same key) is safe.
 */
export function outcomeUnknown(failure: ExecuteFailure): boolean {
  return !failure.needsNewKey && failure.guardrail === null && (failure.status <= 0 || failure.status >= 500);
}

/**
 * What the primary button (and Enter) does: close once done; execute when ready, or retry after a
 * failure, but only once the plan shown is the plan of the draft shown and nothing is wrong with it.
 */
export function primaryStep(phase: Phase, gate: DraftGate): 'close' | 'execute' | 'wait' {
  if (phase.kind === 'done') return 'close';
  if (phase.kind !== 'ready' && phase.kind !== 'failed') return 'wait';
  return gate.replanning || gate.problems.length > 0 ? 'wait' : 'execute';
}

/** The draft cannot change while its execute is on its way, nor while nobody knows whether it ran. */
export function draftLocked(phase: Phase): boolean {
  return phase.kind === 'executing' || (phase.kind === 'failed' && outcomeUnknown(phase.failure));
}
