import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { GuardrailsStore } from '../core/execution/guardrails.store';

const SINCE = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });

/** A red band on every page while the emergency stop holds every execution, saying why and who. */
@Component({
  selector: 'cos-emergency-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (stop(); as s) {
      <div class="stop" role="alert" data-testid="emergency-banner">
        <span class="stop__tag">Emergency stop</span>
        <p class="stop__text">
          <span class="stop__lead">Nothing is executed until it is released.</span>
          @if (s.reason) {
            <span class="stop__reason" data-testid="emergency-reason">“{{ s.reason }}”</span>
          }
          <span class="stop__who" data-testid="emergency-who">
            {{ s.changed_by ? 'by ' + s.changed_by : '' }}{{ s.changed_at ? ' since ' + since(s.changed_at) : '' }}
          </span>
        </p>
        <button
          type="button"
          class="stop__release"
          data-testid="emergency-banner-release"
          [disabled]="guardrails.changingStop()"
          (click)="guardrails.setEmergencyStop(false)"
        >
          Release
        </button>
      </div>
    }
  `,
  styles: `
    .stop {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 0.375rem 0.75rem;
      padding: 0.375rem 1rem;
      background: var(--danger);
      /* accent-contrast: white on the light theme's red, near-black on the dark theme's lighter red. */
      color: var(--accent-contrast);
      font-size: 0.875rem;
    }
    .stop__tag {
      padding: 0 0.5rem;
      border-radius: 999px;
      background: var(--accent-contrast);
      color: var(--danger);
      font-size: 0.6875rem;
      font-weight: 700;
      letter-spacing: 0.06em;
      line-height: 1.25rem;
      text-transform: uppercase;
      white-space: nowrap;
    }
    .stop__text {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.375rem;
      min-width: 0;
      margin: 0;
      overflow-wrap: anywhere;
    }
    .stop__reason {
      font-weight: 600;
    }
    .stop__who {
      opacity: 0.9;
    }
    .stop__release {
      padding: 0.125rem 0.75rem;
      border: 1px solid color-mix(in srgb, currentColor 70%, transparent);
      border-radius: var(--radius);
      background: transparent;
      color: inherit;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .stop__release:hover:not(:disabled) {
      background: color-mix(in srgb, currentColor 15%, transparent);
    }
    .stop__release:disabled {
      opacity: 0.6;
      cursor: default;
    }
    /* Phone: the sticky header is tall already; the tag says what the sentence would. */
    @media (max-width: 640px) {
      .stop__lead {
        display: none;
      }
    }
  `,
})
export class EmergencyBannerComponent {
  protected readonly guardrails = inject(GuardrailsStore);
  protected readonly stop = computed(() => {
    const stop = this.guardrails.emergencyStop();
    return stop?.active ? stop : null;
  });

  protected since(iso: string): string {
    return SINCE.format(new Date(iso));
  }
}
