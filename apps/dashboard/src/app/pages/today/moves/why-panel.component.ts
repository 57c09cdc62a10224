import { DecimalPipe, PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { AccountHealth, CommandQueueMove } from '@caseyos/contracts';
import { EMPTY } from 'rxjs';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { FACTOR_LABELS } from './move-format';
import { QueueApiService } from './queue-api.service';

/**
 * The "why" behind a score: the reasons in words, then every factor, weight and adjustment in
 * numbers. Fetched the first time a row opens it (MoveRowComponent): import only through `import()`.
 */
@Component({
  selector: 'cos-why-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, PercentPipe],
  // The row's toggle names this id in aria-controls.
  host: { 'data-testid': 'why-panel', '[attr.id]': 'panelId()' },
  templateUrl: './why-panel.component.html',
  styleUrl: './why-panel.component.css',
})
export class WhyPanelComponent {
  private readonly api = inject(QueueApiService);

  readonly move = input.required<CommandQueueMove>();
  readonly panelId = input.required<string>();

  protected readonly factorLabels = FACTOR_LABELS;
  protected readonly breakdown = computed(() => this.move().aps_breakdown);
  /** How far the success rate can be trusted: how many executions with a known outcome it has seen. */
  protected readonly observationsText = computed(() => {
    const { observations, success_rate } = this.breakdown().outcome_adjustment;
    const rate = `${Math.round(success_rate * 100)}%`;
    if (observations === 0) {
      return `Success rate ${rate} is the prior: it rests on no outcomes yet.`;
    }
    return `Success rate ${rate} rests on ${observations} known outcome${observations === 1 ? '' : 's'}.`;
  });

  // Customer-success moves are about an account; its risk score is what drives their urgency.
  protected readonly healthCompany = computed(() => (this.move().domain === 'cs' ? this.move().company : null));
  private readonly accountHealth = new RefreshedResource<AccountHealth>({
    load: () => {
      const company = this.healthCompany();
      return company ? this.api.accountHealth(company) : EMPTY;
    },
    what: 'account health',
  });
  protected readonly healthState = this.accountHealth.state;
  protected readonly health = this.accountHealth.value;

  constructor() {
    effect(() => {
      if (this.healthCompany()) {
        untracked(() => this.accountHealth.startOver());
      }
    });
  }

  protected signed(delta: number): string {
    const text = Math.abs(delta).toFixed(2);
    return delta > 0 ? `+${text}` : delta < 0 ? `−${text}` : '±0.00';
  }
}
