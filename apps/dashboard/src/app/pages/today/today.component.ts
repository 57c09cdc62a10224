import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { DOMAIN_LABELS, DomainFilterService } from '../../core/domain/domain-filter.service';
import { ContactTimelineComponent } from './contact/contact-timeline.component';
import { ExecuteDialogComponent } from './execution/execute-dialog.component';
import { ExecutionHistoryComponent } from './execution/execution-history.component';
import { GuardrailsWidgetComponent } from './execution/guardrails-widget.component';
import { MovesWidgetComponent } from './moves/moves-widget.component';
import { QueueStatsComponent } from './moves/queue-stats.component';
import { QuickActionsComponent } from './moves/quick-actions.component';
import { TodayMovesStore } from './moves/today-moves.store';
import { OutcomeFiguresComponent } from './outcomes/outcome-figures.component';
import { OutcomeStatsStore } from './outcomes/outcome-stats.store';
import { OutcomesWidgetComponent } from './outcomes/outcomes-widget.component';
import { ScheduledJobsWidgetComponent } from './scheduled-jobs-widget.component';
import { RecentSignalsComponent } from './signals/recent-signals.component';

@Component({
  selector: 'cos-today',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    QueueStatsComponent,
    MovesWidgetComponent,
    ExecutionHistoryComponent,
    ExecuteDialogComponent,
    QuickActionsComponent,
    GuardrailsWidgetComponent,
    RecentSignalsComponent,
    ScheduledJobsWidgetComponent,
    OutcomeFiguresComponent,
    OutcomesWidgetComponent,
    ContactTimelineComponent,
  ],
  // One of each store per visit to the page: the widgets share them, and leaving the page stops them following the live stream.
  providers: [TodayMovesStore, OutcomeStatsStore],
  template: `
    <header class="page-header">
      <h1>Today</h1>
      <p class="subtitle">
        <span>{{ date }}</span>
        <span aria-hidden="true">·</span>
        <span data-testid="today-domain">{{ domainLabel() }}</span>
      </p>
    </header>
    <cos-queue-stats class="stats" />
    <cos-outcome-figures class="stats" />
    <div class="grid">
      <cos-moves-widget (executeMove)="executeDialog.open($event)" (openContact)="timeline.open($event)" />
      <aside class="side">
        <cos-quick-actions />
        <!-- Beside the moves, not under a long list: what was just executed stays in view. -->
        <cos-execution-history (retryMove)="executeDialog.open($event)" />
        <cos-outcomes-widget />
        <cos-guardrails-widget />
        <cos-recent-signals (openContact)="timeline.open($event)" />
        <cos-scheduled-jobs-widget [domainLabel]="domainLabel()" />
      </aside>
    </div>
    <!-- One for the page: a move's Execute and a failed execution's Retry both open it. -->
    <cos-execute-dialog #executeDialog />
    <!-- One for the page: a move's contact (click or c) and a signal's contact both open it. -->
    <cos-contact-timeline #timeline />
  `,
  styles: `
    .page-header {
      margin-bottom: 1.25rem;
    }
    h1 {
      margin: 0;
      font-size: 1.75rem;
      letter-spacing: -0.02em;
    }
    .subtitle {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.25rem 0 0;
      color: var(--text-muted);
    }
    .stats {
      display: block;
      margin-bottom: 1.25rem;
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(18rem, 22rem);
      align-items: start;
      gap: 1.25rem;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
      min-width: 0;
    }
    /* The moves come first; the side panels follow them on narrower screens. */
    @media (max-width: 960px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class TodayComponent {
  private readonly domainFilter = inject(DomainFilterService);

  protected readonly date = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' }).format(new Date());
  protected readonly domainLabel = computed(() => {
    const domain = this.domainFilter.domain();
    return domain ? DOMAIN_LABELS[domain] : 'All domains';
  });
}
