import { ContactTimelineEntry, MANUAL_OUTCOME_SOURCE, TimelineKind } from '@caseyos/contracts';
import { EXECUTION_STATUS_LABELS } from '../execution/execution-format';
import { ACTION_LABELS, STATUS_LABELS } from '../moves/move-format';
import { OUTCOME_LABELS } from '../outcomes/outcome-format';
import { SOURCES, kindLabel, signalSummary } from '../signals/signal-format';

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  signal: 'Signal',
  move: 'Move',
  execution: 'Execution',
  outcome: 'Outcome',
};

export interface TimelineLine {
  /** What happened, in a few words. */
  label: string;
  /** A second line of context, when there is any. */
  detail: string | null;
}

/** Unique within a timeline: ids are unique per kind. */
export function timelineKey(entry: ContactTimelineEntry): string {
  switch (entry.kind) {
    case 'signal':
      return `signal:${entry.signal.id}`;
    case 'move':
      return `move:${entry.move.id}`;
    case 'execution':
      return `execution:${entry.execution.id}`;
    case 'outcome':
      return `outcome:${entry.outcome.id}`;
  }
}

/** One timeline entry as a line: what it was and the one fact that identifies it. */
export function timelineLine(entry: ContactTimelineEntry): TimelineLine {
  switch (entry.kind) {
    case 'signal': {
      const { signal } = entry;
      return { label: `${kindLabel(signal.kind)} · ${SOURCES[signal.source]?.label ?? signal.source}`, detail: signalSummary(signal) };
    }
    case 'move': {
      const { move } = entry;
      return { label: move.title, detail: `${ACTION_LABELS[move.action_type]} · ${STATUS_LABELS[move.status]}` };
    }
    case 'execution': {
      const { execution } = entry;
      return { label: `${ACTION_LABELS[execution.action_type]}: ${EXECUTION_STATUS_LABELS[execution.status].toLowerCase()}`, detail: execution.title };
    }
    case 'outcome': {
      const { outcome } = entry;
      const how = outcome.source === MANUAL_OUTCOME_SOURCE ? 'Recorded by hand' : `Detected by ${outcome.source}`;
      return { label: OUTCOME_LABELS[outcome.outcome_type], detail: outcome.metadata.note ? `${how}: ${outcome.metadata.note}` : how };
    }
  }
}
