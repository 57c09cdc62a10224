import { Injectable, Signal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  CommandQueueMove,
  EmergencyStopChangedEvent,
  EmergencyStopState,
  ExecutionChangedEvent,
  ExecutionView,
  OutcomeRecordedEvent,
  OutcomeView,
  QueueChangedEvent,
} from '@caseyos/contracts';
import { Observable, finalize, share, tap } from 'rxjs';

const EVENTS_URL = '/api/events';
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

type LiveEvent = QueueChangedEvent | ExecutionChangedEvent | EmergencyStopChangedEvent | OutcomeRecordedEvent;

type StreamMessage =
  /** `resumed`: the stream was up before, so changes made while it was down may have been missed. */
  { kind: 'connected'; resumed: boolean } | { kind: 'disconnected' } | { kind: 'event'; event: LiveEvent };

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveEventHandlers {
  queueChanged?: (event: QueueChangedEvent) => void;
  executionChanged?: (execution: ExecutionView) => void;
  emergencyStopChanged?: (state: EmergencyStopState) => void;
  outcomeRecorded?: (outcome: OutcomeView) => void;
  /** The stream is back after a drop: changes made meanwhile were missed, so reload. */
  resumed?: () => void;
}

function field(data: unknown, name: string): unknown {
  try {
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : null;
    return typeof parsed === 'object' && parsed !== null && name in parsed ? (parsed as Record<string, unknown>)[name] : null;
  } catch {
    return null;
  }
}

function hasId(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'id' in value;
}

/** Each event type and how its data is checked before it is handed on. */
const PARSERS: Record<LiveEvent['type'], (data: unknown) => LiveEvent | null> = {
  'queue.item.created': (data) => {
    const item = field(data, 'item');
    return hasId(item) ? { type: 'queue.item.created', item: item as CommandQueueMove } : null;
  },
  'queue.item.updated': (data) => {
    const item = field(data, 'item');
    return hasId(item) ? { type: 'queue.item.updated', item: item as CommandQueueMove } : null;
  },
  'execution.updated': (data) => {
    const execution = field(data, 'execution');
    return hasId(execution) ? { type: 'execution.updated', execution: execution as ExecutionView } : null;
  },
  'execution.emergency_stop': (data) => {
    const state = field(data, 'state');
    return typeof state === 'object' && state !== null && 'active' in state ? { type: 'execution.emergency_stop', state: state as EmergencyStopState } : null;
  },
  'outcome.recorded': (data) => {
    const outcome = field(data, 'outcome');
    return hasId(outcome) ? { type: 'outcome.recorded', outcome: outcome as OutcomeView } : null;
  },
};

/**
 * The live stream (Server-Sent Events; the session cookie authenticates it): one EventSource per
 * tab, shared by every follower. The first follower opens it, the last one to go closes it; the
 * shell's guardrails follow it on every page after sign-in, so it stays open while the Today
 * widgets come and go. A browser allows only a few connections per origin, so nothing else may
 * open one.
 */
@Injectable({ providedIn: 'root' })
export class LiveEventsService {
  private readonly state = signal<LiveState>('connecting');
  private readonly shared = this.stream().pipe(
    tap((message) => {
      if (message.kind !== 'event') {
        this.state.set(message.kind === 'connected' ? 'live' : 'offline');
      }
    }),
    finalize(() => this.state.set('connecting')),
    share(),
  );

  /**
   * Follows the stream for as long as the caller lives (call in an injection context) and
   * returns whether it is connected, for a widget's live badge.
   */
  follow(handlers: LiveEventHandlers): Signal<LiveState> {
    this.shared.pipe(takeUntilDestroyed()).subscribe((message) => {
      if (message.kind === 'connected') {
        if (message.resumed) handlers.resumed?.();
        return;
      }
      if (message.kind === 'disconnected') {
        return;
      }
      const event = message.event;
      switch (event.type) {
        case 'queue.item.created':
        case 'queue.item.updated':
          handlers.queueChanged?.(event);
          break;
        case 'execution.updated':
          handlers.executionChanged?.(event.execution);
          break;
        case 'execution.emergency_stop':
          handlers.emergencyStopChanged?.(event.state);
          break;
        case 'outcome.recorded':
          handlers.outcomeRecorded?.(event.outcome);
          break;
      }
    });
    return this.state.asReadonly();
  }

  /** Opens the stream on subscribe and closes it on unsubscribe. */
  private stream(): Observable<StreamMessage> {
    return new Observable<StreamMessage>((subscriber) => {
      let source: EventSource | undefined;
      let retryTimer: ReturnType<typeof setTimeout> | undefined;
      let failures = 0;
      let connectedBefore = false;

      const connect = () => {
        const current = new EventSource(EVENTS_URL);
        source = current;
        current.onopen = () => {
          subscriber.next({ kind: 'connected', resumed: connectedBefore });
          connectedBefore = true;
          failures = 0;
        };
        for (const [type, parse] of Object.entries(PARSERS)) {
          current.addEventListener(type, (message) => {
            const event = parse(message.data);
            if (event) {
              subscriber.next({ kind: 'event', event });
            }
          });
        }
        current.onerror = () => {
          subscriber.next({ kind: 'disconnected' });
          // The browser retries a dropped connection by itself, but an HTTP error (a 401 after the
          // session expired, a 503 during a deploy) closes the source for good: retry with backoff.
          if (current.readyState === EventSource.CLOSED) {
            current.close();
            retryTimer = setTimeout(connect, Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** failures++));
          }
        };
      };

      connect();
      return () => {
        clearTimeout(retryTimer);
        source?.close();
      };
    });
  }
}
