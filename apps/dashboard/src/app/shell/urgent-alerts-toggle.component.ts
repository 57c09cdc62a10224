import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { UrgentMoveAlerts } from '../core/notifications/urgent-move-alerts.service';

/** The header's bell: browser notifications for urgent new moves on or off (UrgentMoveAlerts). */
@Component({
  selector: 'cos-urgent-alerts-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (alerts.supported) {
      <button
        type="button"
        class="icon-button"
        data-testid="urgent-alerts-toggle"
        aria-label="Notify me of urgent moves"
        [attr.aria-pressed]="alerts.enabled()"
        [attr.title]="
          alerts.enabled()
            ? 'Urgent move alerts are on: a notification for each new move above APS 90 while this tab is in the background'
            : 'Notify me of new moves above APS 90 while this tab is in the background'
        "
        (click)="alerts.toggle()"
      >
        @if (alerts.enabled()) {
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a2 2 0 0 0 3.4 0" /></svg>
        } @else {
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M8.7 3.7A6 6 0 0 1 18 8c0 2.6.4 4.5 1 5.9M17 17H3s3-2 3-9c0-.6.1-1.2.3-1.7M10.3 21a2 2 0 0 0 3.4 0M2 2l20 20" />
          </svg>
        }
      </button>
    }
  `,
  styles: `
    [aria-pressed='true'] {
      color: var(--accent);
    }
  `,
})
export class UrgentAlertsToggleComponent {
  protected readonly alerts = inject(UrgentMoveAlerts);

  constructor() {
    // The shell holds this button on every signed-in page: alerts follow the stream as long.
    this.alerts.follow();
  }
}
