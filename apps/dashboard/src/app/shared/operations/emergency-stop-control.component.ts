import { ChangeDetectionStrategy, Component, DOCUMENT, ViewContainerRef, computed, inject, outputBinding, viewChild } from '@angular/core';
import { GuardrailsStore } from '../../core/execution/guardrails.store';
import { LazyComponent } from '../ui/lazy-component';

// The API's limit for the reason, as in the dialog's field.
const PLAIN_REASON_MAX = 500;

/** The kill switch: "Emergency stop" (asks why) while executions run, "Release" while they are stopped. */
@Component({
  selector: 'cos-emergency-stop-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <!-- Known only once the guardrails have loaded: until then neither action would be sure. -->
    @if (stopped()) {
      <button
        type="button"
        class="button button--quiet release"
        data-testid="emergency-release"
        [disabled]="guardrails.changingStop()"
        (click)="guardrails.setEmergencyStop(false)"
      >
        Release emergency stop
      </button>
    } @else {
      <button
        type="button"
        class="button button--quiet stop"
        data-testid="emergency-stop"
        [disabled]="stopped() === null || guardrails.changingStop()"
        (click)="openDialog()"
      >
        Emergency stop
      </button>
    }
    <!-- The dialog that asks why, fetched on first use: the control is on every first load of Today. -->
    <ng-container #dialog />
  `,
  styles: `
    :host {
      display: block;
    }
    .button {
      width: 100%;
    }
    .stop {
      border-color: color-mix(in srgb, var(--danger) 45%, var(--border));
      color: var(--danger);
    }
    .release {
      border-color: var(--danger);
      background: var(--danger);
      color: var(--accent-contrast);
    }
    .release:hover:not(:disabled) {
      background: var(--danger);
      filter: brightness(1.08);
    }
  `,
})
export class EmergencyStopControlComponent {
  protected readonly guardrails = inject(GuardrailsStore);
  private readonly window = inject(DOCUMENT).defaultView;
  /** null until the guardrails are known. */
  protected readonly stopped = computed(() => this.guardrails.emergencyStop()?.active ?? null);

  private readonly dialogHost = viewChild.required('dialog', { read: ViewContainerRef });
  private readonly dialog = new LazyComponent(
    this.dialogHost,
    () => import('./emergency-stop-dialog.component').then((m) => m.EmergencyStopDialogComponent),
    [outputBinding<string>('confirmed', (reason) => this.guardrails.setEmergencyStop(true, reason))],
    // The kill switch must work even when its dialog cannot be fetched (a new version went out).
    () => this.askReasonPlainly(),
  );

  protected openDialog(): void {
    void this.dialog.get().then((dialog) => dialog.open());
  }

  private askReasonPlainly(): void {
    const reason = this.window?.prompt('Stop all executions: say why, so whoever sees the banner knows.')?.trim();
    if (reason) this.guardrails.setEmergencyStop(true, reason.slice(0, PLAIN_REASON_MAX));
  }
}
