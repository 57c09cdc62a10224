import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { DOMAIN_TABS, DomainFilterService } from '../../core/domain/domain-filter.service';
import { ScheduledJobsWidgetComponent } from './scheduled-jobs-widget.component';

@Component({
  selector: 'cos-today',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ScheduledJobsWidgetComponent],
  template: `
    <header class="page-header">
      <h1>Today</h1>
      <p class="subtitle">
        <span>{{ date }}</span>
        <span aria-hidden="true">·</span>
        <span data-testid="today-domain">{{ domainLabel() }}</span>
      </p>
    </header>
    <div class="grid">
      <cos-scheduled-jobs-widget [domainLabel]="domainLabel()" />
    </div>
  `,
  styles: `
    .page-header { margin-bottom: 1.5rem; }
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
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 26rem), 1fr));
      gap: 1.25rem;
    }
  `,
})
export class TodayComponent {
  private readonly domainFilter = inject(DomainFilterService);

  protected readonly date = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' }).format(
    new Date(),
  );
  protected readonly domainLabel = computed(() => {
    const domain = this.domainFilter.domain();
    return domain ? (DOMAIN_TABS.find((tab) => tab.domain === domain)?.label ?? domain) : 'All domains';
  });
}
