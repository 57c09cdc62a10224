import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { AuditEntry, AuditFilters } from '@caseyos/contracts';
import { relativeTime } from '../../shared/time/relative-time';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { WidgetHeaderComponent } from '../../shared/ui/widget-header.component';
import { AuditFilterForm, checkAuditFilters, instantToLocalTime } from './audit-filters';
import { AuditLogStore } from './audit-log.store';

// The browser's own zone and language: an operator reads times as their clock shows them.
const AT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const FORM_FIELDS: readonly (keyof AuditFilterForm)[] = ['actor', 'action', 'subjectType', 'subjectId', 'from', 'to'];

/** Who did what to what, and how it ended: filtered, newest first, a page at a time. */
@Component({
  selector: 'cos-audit-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, WidgetHeaderComponent],
  templateUrl: './audit-log.component.html',
  styleUrl: './audit-log.component.css',
})
export class AuditLogComponent {
  protected readonly store = inject(AuditLogStore);

  /** The field the check refused, and why; shown under it until the form is sent again. */
  protected readonly invalid = signal<{ field: keyof AuditFilterForm; message: string } | null>(null);
  /** The filters in force as the form shows them (times in the browser's zone). */
  protected readonly form = computed((): AuditFilterForm => {
    const filters = this.store.filters();
    return {
      actor: filters.actor ?? '',
      action: filters.action ?? '',
      subjectType: filters.subject_type ?? '',
      subjectId: filters.subject_id ?? '',
      from: filters.from ? instantToLocalTime(filters.from) : '',
      to: filters.to ? instantToLocalTime(filters.to) : '',
    };
  });
  protected readonly relativeTime = relativeTime;
  private readonly filterForm = viewChild.required<ElementRef<HTMLFormElement>>('filterForm');

  protected apply(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const typed = Object.fromEntries(
      FORM_FIELDS.map((field) => {
        const value = data.get(field);
        return [field, typeof value === 'string' ? value : ''];
      }),
    ) as unknown as AuditFilterForm;
    const check = checkAuditFilters(typed);
    if (!check.ok) {
      this.invalid.set({ field: check.field, message: check.message });
      return;
    }
    this.invalid.set(null);
    this.store.filter(check.filters);
    this.showFiltersInForce();
  }

  protected clear(): void {
    this.invalid.set(null);
    this.store.filter({});
    this.showFiltersInForce();
  }

  /** An actor or action clicked in the list, added to the filters in force. */
  protected narrow(filter: Pick<AuditFilters, 'actor' | 'action'>): void {
    this.store.narrow(filter);
    this.showFiltersInForce();
  }

  /**
   * Writes the filters in force into the inputs. `[value]` alone is not enough: when the bound
   * value does not change, Angular leaves in place what was typed but never sent, and the form
   * would show a filter that is not the one applied.
   */
  private showFiltersInForce(): void {
    const values = this.form();
    const inputs = this.filterForm().nativeElement.elements;
    for (const field of FORM_FIELDS) {
      const input = inputs.namedItem(field);
      if (input instanceof HTMLInputElement) input.value = values[field];
    }
  }

  protected at(entry: AuditEntry): string {
    return AT.format(new Date(entry.at));
  }

  protected detail(entry: AuditEntry): string | null {
    return entry.detail ? JSON.stringify(entry.detail, null, 2) : null;
  }
}
