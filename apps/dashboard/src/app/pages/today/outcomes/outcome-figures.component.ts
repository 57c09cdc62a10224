import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { OutcomeFigures, SignalCountResponse } from '@caseyos/contracts';
import { Subject, debounceTime } from 'rxjs';
import { DOMAIN_LABELS, DomainFilterService } from '../../../core/domain/domain-filter.service';
import { LiveEventsService } from '../../../core/events/live-events.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { SignalsApiService } from '../signals/signals-api.service';
import { OutcomeStatsStore } from './outcome-stats.store';
import { STATS_DAYS, percent } from './outcome-format';

// Signals that make no move are not announced on the stream: the poll finds them.
const SIGNALS_POLL_MS = 60_000;
const SIGNALS_DEBOUNCE_MS = 1_000;

interface Figure {
  id: 'reply-rate' | 'meetings' | 'net-impact' | 'signals-today';
  label: string;
  /** Null until known. */
  value: string | null;
  detail: string;
}

function localMidnight(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** Deals moved forward after an execution (a deal advanced and then won is one deal in the value, two here). */
function dealMoves(figures: OutcomeFigures): number {
  return (figures.outcomes.deal_advanced ?? 0) + (figures.outcomes.deal_won ?? 0);
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** How the loop is doing, beside the queue's counts: replies, meetings, deals moved, signals today. */
@Component({
  selector: 'cos-outcome-figures',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="figures-row" aria-labelledby="figures-title" data-testid="outcome-figures" [attr.data-state]="stats.state().status">
      <header class="row-head">
        <h2 id="figures-title">Outcomes</h2>
        <span class="window">Last {{ days }} days · {{ scope() }}</span>
        @let state = stats.state();
        @if (state.status === 'error') {
          <span class="problem" role="alert" data-testid="outcome-figures-error">
            Could not load the outcome stats ({{ state.message }}).
            <button type="button" class="link-button" (click)="stats.retry()">Retry</button>
          </span>
        }
      </header>
      <dl class="figures">
        @for (figure of figures(); track figure.id) {
          <div class="card figure" [attr.data-testid]="'figure-' + figure.id">
            <dt>{{ figure.label }}</dt>
            <dd>
              <span class="value" data-testid="figure-value">{{ figure.value ?? '–' }}</span>
              <span class="detail" data-testid="figure-detail">{{ figure.detail }}</span>
            </dd>
          </div>
        }
      </dl>
    </section>
  `,
  styles: `
    .row-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.75rem;
      margin-bottom: 0.5rem;
    }
    h2 {
      margin: 0;
      color: var(--text-muted);
      font-size: 0.75rem;
      font-weight: 700;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    .window {
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
    .problem {
      color: var(--danger);
      font-size: 0.8125rem;
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
      gap: 0.75rem;
      margin: 0;
    }
    .figure {
      display: flex;
      flex-direction: column;
      padding: 0.75rem 1rem;
    }
    dt {
      color: var(--text-muted);
      font-size: 0.75rem;
      font-weight: 600;
    }
    dd {
      display: flex;
      flex-direction: column;
      margin: 0;
    }
    .value {
      font-size: 1.375rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.3;
    }
    /* One line, so a long detail never makes one tile taller than the others. */
    .detail {
      overflow: hidden;
      color: var(--text-muted);
      font-size: 0.75rem;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    @media (max-width: 640px) {
      .figures {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.5rem;
      }
      .figure {
        padding: 0.5rem 0.75rem;
      }
      .value {
        font-size: 1.125rem;
      }
    }
  `,
})
export class OutcomeFiguresComponent {
  protected readonly stats = inject(OutcomeStatsStore);
  private readonly signalsApi = inject(SignalsApiService);
  private readonly domain = inject(DomainFilterService).domain;

  protected readonly days = STATS_DAYS;
  protected readonly scope = computed(() => {
    const domain = this.domain();
    return domain ? DOMAIN_LABELS[domain] : 'All domains';
  });

  private readonly signalsToday = signal<SignalCountResponse | null>(null);
  private readonly signalCount = new RefreshedResource<SignalCountResponse>({
    load: () => this.signalsApi.countSince(localMidnight()),
    loaded: (count) => this.signalsToday.set(count),
    what: "today's signals",
    pollMs: SIGNALS_POLL_MS,
  });
  private readonly newSignals = new Subject<void>();

  protected readonly figures = computed<Figure[]>(() => {
    const totals = this.stats.scoped()?.totals ?? null;
    const signals = this.signalsToday();
    const moves = totals ? dealMoves(totals) : null;
    return [
      {
        id: 'reply-rate',
        label: 'Reply rate',
        value: totals ? percent(totals.reply_rate_24h) : null,
        detail: totals?.email_executions ? `${totals.replied_within_24h} of ${totals.email_executions} emails, in 24 h` : 'No emails sent',
      },
      {
        id: 'meetings',
        label: 'Meetings booked',
        value: totals ? String(totals.meetings) : null,
        detail: totals?.executions ? `${percent(totals.meeting_rate)} of ${totals.executions} executions` : 'Nothing executed',
      },
      {
        id: 'net-impact',
        label: 'Net impact',
        value: totals ? usd.format(totals.net_impact_usd) : null,
        detail: moves === null ? 'pipeline advanced or won' : `pipeline of ${moves} ${moves === 1 ? 'deal move' : 'deal moves'}, advanced or won`,
      },
      {
        id: 'signals-today',
        label: 'Signals today',
        value: signals ? String(signals.count) : null,
        detail: 'since midnight',
      },
    ];
  });

  constructor() {
    inject(LiveEventsService).follow({
      queueChanged: ({ type, item }) => {
        if (type === 'queue.item.created' && item.signal_id) this.newSignals.next();
      },
      resumed: () => this.signalCount.reload(),
    });
    this.newSignals.pipe(debounceTime(SIGNALS_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => this.signalCount.reload());
    this.signalCount.reload('initial');
  }
}
