import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { DOMAINS } from '@caseyos/contracts';
import { DOMAIN_LABELS } from '../../../core/domain/domain-filter.service';
import { TodayMovesStore } from './today-moves.store';

const STATS = [
  { status: 'pending', label: 'Pending' },
  { status: 'accepted', label: 'Accepted' },
  { status: 'completed', label: 'Done today' },
] as const;

/** How much is waiting, in flight and done, per domain; the selected domain stands out. */
@Component({
  selector: 'cos-queue-stats',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="stats" aria-label="Queue by domain" data-testid="queue-stats">
      @for (row of rows(); track row.domain) {
        <li class="card stat" [class.stat--active]="row.active" [attr.data-domain]="row.domain" [attr.data-testid]="'stats-' + row.domain">
          <h2 class="stat__domain">{{ row.label }}</h2>
          <dl>
            @for (figure of row.figures; track figure.status) {
              <div class="figure">
                <dt>{{ figure.label }}</dt>
                <dd [attr.data-testid]="'stat-' + figure.status">{{ figure.value ?? '–' }}</dd>
              </div>
            }
          </dl>
        </li>
      }
    </ul>
  `,
  styles: `
    .stats {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .stat {
      padding: 0.75rem 1rem;
      border-top: 3px solid var(--domain);
    }
    .stat[data-domain='sales'] {
      --domain: var(--domain-sales);
    }
    .stat[data-domain='marketing'] {
      --domain: var(--domain-marketing);
    }
    .stat[data-domain='cs'] {
      --domain: var(--domain-cs);
    }
    .stat--active {
      box-shadow:
        0 0 0 2px color-mix(in srgb, var(--domain) 45%, transparent),
        var(--shadow);
    }
    .stat__domain {
      margin: 0 0 0.375rem;
      color: var(--domain);
      font-size: 0.8125rem;
      font-weight: 700;
      letter-spacing: 0.04em;
      text-transform: uppercase;
    }
    dl {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    .figure {
      display: flex;
      flex-direction: column-reverse;
    }
    dt {
      color: var(--text-muted);
      font-size: 0.75rem;
    }
    dd {
      margin: 0;
      font-size: 1.375rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.2;
    }
    /* Phone: one line per domain, so the moves are not pushed below the fold. */
    @media (max-width: 640px) {
      .stats {
        gap: 0.5rem;
      }
      .stat {
        display: grid;
        grid-template-columns: 5.5rem minmax(0, 1fr);
        align-items: center;
        padding: 0.5rem 0.75rem;
        border-top: 0;
        border-left: 3px solid var(--domain);
      }
      .stat__domain {
        margin: 0;
      }
      dd {
        font-size: 1.125rem;
      }
    }
  `,
})
export class QueueStatsComponent {
  private readonly store = inject(TodayMovesStore);

  protected readonly rows = computed(() => {
    const counts = this.store.counts();
    const selected = this.store.domain();
    return DOMAINS.map((domain) => ({
      domain,
      label: DOMAIN_LABELS[domain],
      active: domain === selected,
      // Unknown until the first answer; a status with no moves is a real zero.
      figures: STATS.map(({ status, label }) => ({ status, label, value: counts ? (counts[domain]?.[status] ?? 0) : null })),
    }));
  });
}
