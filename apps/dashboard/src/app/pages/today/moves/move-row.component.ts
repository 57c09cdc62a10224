import type { ListKeyManagerOption } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  ViewContainerRef,
  computed,
  effect,
  inject,
  input,
  inputBinding,
  output,
  viewChild,
} from '@angular/core';
import { CommandQueueMove, OutcomeStatsRow } from '@caseyos/contracts';
import { DOMAIN_LABELS } from '../../../core/domain/domain-filter.service';
import { SuccessRateBadgeComponent } from '../outcomes/success-rate-badge.component';
import { ACTION_LABELS, STATUS_LABELS, apsPoints, dueLabel, formatMoney } from './move-format';
import { LazyComponent } from '../../../shared/ui/lazy-component';

/** One ranked move: what to do, for whom, how urgent, and how sure we are (APS). An item of the widget's j/k key manager. */
@Component({
  // An <li> host, so the list stays a real ordered list for screen readers.
  selector: 'li[cos-move-row]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SuccessRateBadgeComponent],
  host: {
    'data-testid': 'move',
    '[attr.data-move-id]': 'move().id',
    '[attr.data-domain]': 'move().domain',
    '[attr.data-status]': 'move().status',
    '[attr.aria-current]': 'selected() ? "true" : null',
    '[attr.aria-busy]': 'busy() ? "true" : null',
    '[class.selected]': 'selected()',
    '(click)': 'selectMove.emit()',
  },
  templateUrl: './move-row.component.html',
  styleUrl: './move-row.component.css',
})
export class MoveRowComponent implements ListKeyManagerOption {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly move = input.required<CommandQueueMove>();
  readonly rank = input.required<number>();
  readonly selected = input(false);
  readonly expanded = input(false);
  /** A change the API has not confirmed yet. */
  readonly busy = input(false);
  readonly now = input.required<number>();
  /** Its action type's recent success rate; null while the stats load. */
  readonly successRate = input.required<OutcomeStatsRow | null>();

  readonly selectMove = output<void>();
  readonly toggleWhy = output<void>();
  readonly execute = output<void>();
  readonly accept = output<void>();
  readonly complete = output<void>();
  readonly dismiss = output<void>();
  readonly snooze = output<void>();
  readonly openContact = output<void>();

  protected readonly domainLabels = DOMAIN_LABELS;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly points = computed(() => apsPoints(this.move().aps));
  protected readonly due = computed(() => {
    const due = this.move().due_at;
    return due ? dueLabel(due, this.now()) : null;
  });
  /** The person, when there is one to show the timeline of; the company stays plain text. */
  protected readonly person = computed(() => {
    const { contact_name, contact_email } = this.move();
    return contact_email ? (contact_name ?? contact_email) : contact_name;
  });
  protected readonly dealAmount = computed(() => {
    const amount = this.move().deal_amount;
    return amount === null ? null : formatMoney(amount);
  });
  protected readonly whyId = computed(() => `why-${this.move().id}`);
  // Out of the page's first load: most visits open no "why" at all.
  private readonly whyHost = viewChild.required('why', { read: ViewContainerRef });
  private readonly whyPanel = new LazyComponent(this.whyHost, () => import('./why-panel.component').then((m) => m.WhyPanelComponent), [
    inputBinding('move', this.move),
    inputBinding('panelId', this.whyId),
  ]);

  constructor() {
    effect(() => (this.expanded() ? void this.whyPanel.get() : this.whyPanel.destroy()));
  }

  /** The row's text for the key manager (its type-ahead matches titles). */
  getLabel(): string {
    return this.move().title;
  }

  scrollIntoView(block: ScrollLogicalPosition): void {
    this.host.nativeElement.scrollIntoView({ block });
  }
}
