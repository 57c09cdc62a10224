import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { GuardrailsStore } from '../../core/execution/guardrails.store';
import { EmergencyStopControlComponent } from '../../shared/operations/emergency-stop-control.component';
import { GuardrailsWidgetComponent } from '../../shared/operations/guardrails-widget.component';
import { ScheduledJobsWidgetComponent } from '../../shared/operations/scheduled-jobs-widget.component';
import { AuditLogComponent } from './audit-log.component';
import { AuditLogStore } from './audit-log.store';
import { ProcessesComponent } from './processes.component';

const SINCE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * What an operator checks first: the kill switch, the guardrails, the live processes and
 * scheduled jobs, and the audit log of everything that changed.
 */
@Component({
  selector: 'cos-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AuditLogComponent, ProcessesComponent, EmergencyStopControlComponent, GuardrailsWidgetComponent, ScheduledJobsWidgetComponent],
  // One per visit: leaving the page stops its poll.
  providers: [AuditLogStore],
  template: `
    <header class="page-header">
      <h1>Admin</h1>
      <p class="subtitle">Kill switch, guardrails, processes, scheduled jobs and the audit log</p>
    </header>
    <div class="grid">
      <cos-audit-log />
      <aside class="side">
        <section class="card panel" aria-labelledby="kill-switch-title" data-testid="kill-switch">
          <h2 id="kill-switch-title">Kill switch</h2>
          @let stop = guardrails.emergencyStop();
          <p class="state" [attr.data-active]="stop?.active ?? null" data-testid="kill-switch-state">
            @if (!stop) {
              Checking…
            } @else if (stop.active) {
              Executions are stopped{{ stop.changed_by ? ' by ' + stop.changed_by : '' }}{{ stop.changed_at ? ' since ' + since(stop.changed_at) : '' }}.
              @if (stop.reason) {
                <span class="reason">“{{ stop.reason }}”</span>
              }
            } @else {
              Executions run under their guardrails.
            }
          </p>
          <cos-emergency-stop-control />
        </section>
        <cos-guardrails-widget />
        <cos-processes />
        <cos-scheduled-jobs-widget />
      </aside>
    </div>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
      align-items: start;
      gap: 1.25rem;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
      min-width: 0;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 1.25rem;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    .state {
      margin: 0;
      font-size: 0.875rem;
    }
    .state[data-active='true'] {
      color: var(--danger);
      font-weight: 600;
    }
    .reason {
      display: block;
      font-weight: 400;
      overflow-wrap: anywhere;
    }
    /* The switch and the guardrails first on a phone; the log follows. */
    @media (max-width: 960px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
      .side {
        order: -1;
      }
    }
  `,
})
export class AdminComponent {
  protected readonly guardrails = inject(GuardrailsStore);

  protected since(iso: string): string {
    return SINCE.format(new Date(iso));
  }
}
