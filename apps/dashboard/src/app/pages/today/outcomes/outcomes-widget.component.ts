import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ACTION_TYPES, ACTION_TYPES_BY_DOMAIN, ConversionFunnelResponse, DOMAINS, Domain, FunnelCounts } from '@caseyos/contracts';
import { map } from 'rxjs';
import { DOMAIN_LABELS, DomainFilterService } from '../../../core/domain/domain-filter.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { CollapsibleWidgetDirective } from '../../../shared/ui/collapsible-widget';
import { LiveBadgeComponent } from '../../../shared/ui/live-badge.component';
import { LoadStateComponent } from '../../../shared/ui/load-state.component';
import { WidgetHeaderComponent } from '../../../shared/ui/widget-header.component';
import { ACTION_LABELS } from '../moves/move-format';
import { FunnelBucket, FunnelChartComponent } from './funnel-chart.component';
import { FUNNEL_BUCKETS, FUNNEL_PERIOD_OPTIONS, STATS_DAYS, WidgetPeriod, bucketLabels, funnelFrom } from './outcome-format';
import { OutcomeStatsStore } from './outcome-stats.store';
import { OutcomesApiService } from './outcomes-api.service';
import { SuccessRateBadgeComponent } from './success-rate-badge.component';

// Outcomes arrive on the stream (through the stats store); the poll catches what it missed.
const POLL_MS = 60_000;
const ALL = 'all';

interface LoadedFunnel {
  period: WidgetPeriod;
  response: ConversionFunnelResponse;
}

const ZERO: FunnelCounts = { total_sent: 0, replies: 0, meetings: 0, deals: 0 };

function add(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
  return { total_sent: a.total_sent + b.total_sent, replies: a.replies + b.replies, meetings: a.meetings + b.meetings, deals: a.deals + b.deals };
}

/** One bucket per period start, every domain asked summed ("All" asks for all three). */
function toBuckets({ period, response }: LoadedFunnel): FunnelBucket[] {
  const byStart = new Map<string, FunnelCounts>();
  for (const row of response.rows) {
    byStart.set(row.period_start, add(byStart.get(row.period_start) ?? ZERO, row));
  }
  return [...byStart].map(([start, counts]) => ({ start, counts, ...bucketLabels(period, start) }));
}

/** The loop's results: the conversion funnel per period and domain, and each action type's success rate. */
@Component({
  selector: 'cos-outcomes-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveBadgeComponent, LoadStateComponent, FunnelChartComponent, SuccessRateBadgeComponent, CollapsibleWidgetDirective, WidgetHeaderComponent],
  templateUrl: './outcomes-widget.component.html',
  styleUrl: './outcomes-widget.component.css',
})
export class OutcomesWidgetComponent {
  private readonly api = inject(OutcomesApiService);
  protected readonly stats = inject(OutcomeStatsStore);

  protected readonly periods = FUNNEL_PERIOD_OPTIONS;
  protected readonly domainOptions = [{ value: ALL, label: 'All domains' }, ...DOMAINS.map((domain) => ({ value: domain, label: DOMAIN_LABELS[domain] }))];
  protected readonly statsDays = STATS_DAYS;
  protected readonly period = signal<WidgetPeriod>('week');
  /** Follows the page's domain tabs, and can be changed here for this widget alone. */
  protected readonly domain = linkedSignal<Domain | null>(inject(DomainFilterService).domain);
  protected readonly domainValue = computed(() => this.domain() ?? ALL);
  protected readonly windowLabel = computed(() => `the last ${FUNNEL_BUCKETS} ${this.period() === 'month' ? 'months' : 'weeks'}`);

  private readonly funnel = signal<LoadedFunnel | null>(null);
  private readonly resource = new RefreshedResource<LoadedFunnel>({
    load: () => {
      const period = this.period();
      return this.api.funnel({ from: funnelFrom(period, Date.now()), domain: this.domain() }, period).pipe(map((response) => ({ period, response })));
    },
    loaded: (loaded) => this.funnel.set(loaded),
    what: 'the conversion funnel',
    pollMs: POLL_MS,
  });
  protected readonly state = this.resource.state;
  protected readonly refreshing = this.resource.refreshing;
  protected readonly refreshError = this.resource.refreshError;

  protected readonly buckets = computed(() => {
    const funnel = this.funnel();
    return funnel ? toBuckets(funnel) : [];
  });
  protected readonly totals = computed(() => (this.funnel()?.response.totals ?? []).reduce<FunnelCounts>(add, ZERO));

  protected readonly rates = computed(() => {
    const byAction = this.stats.byAction();
    const domain = this.domain();
    const types = domain ? ACTION_TYPES_BY_DOMAIN[domain] : ACTION_TYPES;
    return types.map((actionType) => ({ actionType, label: ACTION_LABELS[actionType], row: byAction?.get(actionType) ?? null }));
  });

  constructor() {
    // Another period or domain is another chart: show the skeleton rather than the old one.
    effect(() => {
      this.period();
      this.domain();
      untracked(() => {
        this.funnel.set(null);
        this.resource.startOver();
      });
    });
    this.stats.changed$.pipe(takeUntilDestroyed()).subscribe(() => this.resource.reload());
  }

  protected selectDomain(value: string): void {
    this.domain.set(DOMAINS.find((domain) => domain === value) ?? null);
  }

  protected refresh(): void {
    this.resource.reload('manual');
    this.stats.reload();
  }

  protected retry(): void {
    this.resource.startOver();
  }
}
