import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { BreakerState } from '@caseyos/contracts';
import { GuardrailsStore } from '../../core/execution/guardrails.store';
import { CollapsibleWidgetDirective } from '../ui/collapsible-widget';
import { LoadStateComponent } from '../ui/load-state.component';
import { WidgetHeaderComponent } from '../ui/widget-header.component';
import { ACTION_LABELS } from '../format/action-labels';

const BREAKER_LABELS: Record<BreakerState['state'], string> = { closed: 'Closed', open: 'Open', half_open: 'Half-open' };
const AT = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** Per action type: is its circuit breaker open, and how much of the hourly limit is used. */
@Component({
  selector: 'cos-guardrails-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, CollapsibleWidgetDirective, WidgetHeaderComponent],
  templateUrl: './guardrails-widget.component.html',
  styleUrl: './guardrails-widget.component.css',
})
export class GuardrailsWidgetComponent {
  protected readonly store = inject(GuardrailsStore);

  protected readonly rows = computed(() => {
    const guardrails = this.store.guardrails();
    if (!guardrails) {
      return [];
    }
    const breakers = new Map(guardrails.breakers.map((breaker) => [breaker.action_type, breaker]));
    return guardrails.limits.map((limit) => {
      const breaker = breakers.get(limit.action_type);
      const state = breaker?.state ?? 'closed';
      return {
        limit,
        label: ACTION_LABELS[limit.action_type],
        breaker: state,
        breakerLabel: BREAKER_LABELS[state],
        breakerTitle: breaker?.retry_at
          ? `Lets one through at ${AT.format(new Date(breaker.retry_at))}`
          : `${breaker?.consecutive_failures ?? 0} failures in a row`,
        exhausted: limit.remaining <= 0,
        usedPercent: limit.per_hour > 0 ? Math.min(100, (limit.used / limit.per_hour) * 100) : 100,
        limitTitle: limit.resets_at ? `Next slot frees at ${AT.format(new Date(limit.resets_at))}` : 'Nothing used this hour',
      };
    });
  });
  protected readonly summary = computed(() => {
    const rows = this.rows();
    const open = rows.filter((row) => row.breaker !== 'closed').length;
    const exhausted = rows.filter((row) => row.exhausted).length;
    const parts = [
      open ? `${open} breaker${open === 1 ? '' : 's'} open` : '',
      exhausted ? `${exhausted} limit${exhausted === 1 ? '' : 's'} used up` : '',
    ].filter(Boolean);
    return { text: parts.length ? parts.join(' · ') : 'All breakers closed; every limit has room.', warn: parts.length > 0 };
  });
}
