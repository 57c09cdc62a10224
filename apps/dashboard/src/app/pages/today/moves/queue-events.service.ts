import { Injectable, Signal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CommandQueueMove, QueueChangedEvent } from '@caseyos/contracts';
import { Observable } from 'rxjs';

const EVENTS_URL = '/api/events';
const EVENT_TYPES: readonly QueueChangedEvent['type'][] = ['queue.item.created', 'queue.item.updated'];
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

export type QueueStreamMessage =
  /** `resumed`: the stream was up before, so changes made while it was down may have been missed. */
  | { kind: 'connected'; resumed: boolean }
  | { kind: 'disconnected' }
  | { kind: 'change'; event: QueueChangedEvent };

export type LiveState = 'connecting' | 'live' | 'offline';

export interface QueueStreamHandlers {
  changed: (event: QueueChangedEvent) => void;
  /** The stream is back after a drop: changes made meanwhile were missed, so reload. */
  resumed: () => void;
}

function parseChange(type: QueueChangedEvent['type'], data: unknown): QueueChangedEvent | null {
  try {
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : null;
    const item = typeof parsed === 'object' && parsed !== null && 'item' in parsed ? parsed.item : null;
    return typeof item === 'object' && item !== null && 'id' in item ? { type, item: item as CommandQueueMove } : null;
  } catch {
    return null;
  }
}

/** The live queue stream (Server-Sent Events; the session cookie authenticates it). */
@Injectable({ providedIn: 'root' })
export class QueueEventsService {
  /**
   * Follows the stream for as long as the caller lives (call in an injection context) and
   * returns whether it is connected, for the widget's live badge.
   */
  follow(handlers: QueueStreamHandlers): Signal<LiveState> {
    const live = signal<LiveState>('connecting');
    this.stream()
      .pipe(takeUntilDestroyed())
      .subscribe((message) => {
        switch (message.kind) {
          case 'connected':
            live.set('live');
            if (message.resumed) {
              handlers.resumed();
            }
            break;
          case 'disconnected':
            live.set('offline');
            break;
          case 'change':
            handlers.changed(message.event);
            break;
        }
      });
    return live.asReadonly();
  }

  /** Opens the stream on subscribe and closes it on unsubscribe. */
  stream(): Observable<QueueStreamMessage> {
    return new Observable<QueueStreamMessage>((subscriber) => {
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
        for (const type of EVENT_TYPES) {
          current.addEventListener(type, (message) => {
            const change = parseChange(type, message.data);
            if (change) {
              subscriber.next({ kind: 'change', event: change });
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
