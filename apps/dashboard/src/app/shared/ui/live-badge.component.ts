import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { LiveState } from '../../core/events/live-events.service';

const LABELS: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', offline: 'Reconnecting…' };

/** Whether a widget's live stream is connected: a dot (pulsing while live) and a word. */
@Component({
  selector: 'cos-live-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-state]': 'state()' },
  template: `<span class="dot" aria-hidden="true"></span>{{ labels[state()] }}`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      color: var(--text-muted);
      font-size: 0.75rem;
      font-weight: 600;
      white-space: nowrap;
      --dot: var(--text-muted);
    }
    :host([data-state='live']) {
      --dot: var(--ok);
    }
    :host([data-state='offline']) {
      --dot: var(--warn);
    }
    .dot {
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: var(--dot);
    }
    :host([data-state='live']) .dot {
      animation: pulse 2s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        box-shadow: 0 0 0 4px color-mix(in srgb, var(--dot) 25%, transparent);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host([data-state='live']) .dot {
        animation: none;
      }
    }
  `,
})
export class LiveBadgeComponent {
  readonly state = input.required<LiveState>();
  protected readonly labels = LABELS;
}
