import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { OutcomeStatsRow } from '@caseyos/contracts';
import { ACTION_LABELS } from '../moves/move-format';
import { STATS_DAYS, percent } from './outcome-format';

/** How often an action type worked lately, and how many executions that rests on. */
@Component({
  selector: 'cos-success-rate-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    'data-testid': 'success-rate',
    '[attr.data-action]': 'row()?.action_type ?? null',
    '[attr.data-rate]': 'row()?.success_rate ?? null',
    '[attr.data-executions]': 'row()?.executions ?? null',
    '[attr.data-state]': 'state()',
    '[attr.title]': 'description()',
  },
  template: `
    <span class="visually-hidden">{{ description() }}</span>
    <span aria-hidden="true">
      @switch (state()) {
        @case ('loading') {
          <span class="rate">…</span>
        }
        @case ('none') {
          <span class="rate">No runs</span>
        }
        @default {
          <span class="rate" data-testid="success-rate-value">{{ rate() }}</span>
          <span class="basis" data-testid="success-rate-basis">of {{ row()?.executions }}</span>
        }
      }
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: baseline;
      min-width: 3.5rem;
      padding: 0 0.4375rem;
      border-radius: 999px;
      background: color-mix(in srgb, var(--tone) 13%, transparent);
      color: var(--tone);
      font-size: 0.6875rem;
      font-variant-numeric: tabular-nums;
      line-height: 1.25rem;
      white-space: nowrap;
      --tone: var(--text-muted);
    }
    :host([data-state='measured']) {
      --tone: var(--accent);
    }
    .rate {
      font-weight: 700;
    }
    .basis {
      margin-left: 0.25rem;
      opacity: 0.8;
    }
  `,
})
export class SuccessRateBadgeComponent {
  /** The action type's stats row; null while they load. */
  readonly row = input.required<OutcomeStatsRow | null>();

  protected readonly state = computed(() => {
    const row = this.row();
    return row === null ? 'loading' : row.executions === 0 ? 'none' : 'measured';
  });
  protected readonly rate = computed(() => percent(this.row()?.success_rate ?? null));
  protected readonly description = computed(() => {
    const row = this.row();
    if (row === null) {
      return 'Success rate loading';
    }
    const action = ACTION_LABELS[row.action_type];
    const days = `in the last ${STATS_DAYS} days`;
    return row.executions === 0
      ? `${action}: not executed ${days}, so no success rate yet`
      : `${action}: ${row.successes} of ${row.executions} executions ${days} succeeded (${this.rate()})`;
  });
}
