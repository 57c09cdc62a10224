import { ChangeDetectionStrategy, Component, input, output, viewChild } from '@angular/core';
import { GuardrailsWidgetComponent } from '../../shared/operations/guardrails-widget.component';
import { ScheduledJobsWidgetComponent } from '../../shared/operations/scheduled-jobs-widget.component';
import { ContactRef } from './contact/contact-ref';
import { ExecuteTarget } from './execution/execution-format';
import { ExecutionHistoryComponent } from './execution/execution-history.component';
import { OutcomesWidgetComponent } from './outcomes/outcomes-widget.component';
import { RecentSignalsComponent } from './signals/recent-signals.component';

/**
 * The Today page's side panels below Quick actions, out of view when the page opens: one piece,
 * so one chunk, that the page fetches when they come near the screen or are asked for
 * (TodayComponent). Import it only through `import()`.
 */
@Component({
  selector: 'cos-today-panels',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'today-panels' },
  imports: [ExecutionHistoryComponent, OutcomesWidgetComponent, GuardrailsWidgetComponent, RecentSignalsComponent, ScheduledJobsWidgetComponent],
  template: `
    <!-- Beside the moves, not under a long list: what was just executed stays near. -->
    <cos-execution-history (retryMove)="retryMove.emit($event)" />
    <cos-outcomes-widget />
    <cos-guardrails-widget />
    <cos-recent-signals (openContact)="openContact.emit($event)" />
    <cos-scheduled-jobs-widget [domainLabel]="domainLabel()" />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
      min-width: 0;
    }
  `,
})
export class TodayPanelsComponent {
  readonly domainLabel = input.required<string>();
  readonly retryMove = output<ExecuteTarget>();
  readonly openContact = output<ContactRef>();

  private readonly signals = viewChild.required(RecentSignalsComponent);

  /** The manual signal form, opened from the page's shortcut. */
  openSignalForm(): void {
    this.signals().openForm();
  }
}
