import { Injectable, computed, inject, signal } from '@angular/core';
import { AuditEntry, AuditFilters, Page } from '@caseyos/contracts';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { AuditApiService } from './audit-api.service';

export const AUDIT_PAGE_SIZE = 25;
// Entries arrive with every write; the newest page stays current without a click.
const POLL_MS = 30_000;

/**
 * The audit log as the Admin page walks it: the filters, and the keyset cursors of the pages
 * visited so far, so "Newer" goes back exactly to the page it came from.
 */
@Injectable()
export class AuditLogStore {
  private readonly api = inject(AuditApiService);

  readonly filters = signal<AuditFilters>({});
  /** The cursor each visited page was read with; the first (null) is the newest page. */
  private readonly cursors = signal<readonly (string | null)[]>([null]);
  private readonly resource = new RefreshedResource<Page<AuditEntry>>({
    load: () => this.api.list(this.filters(), this.cursors().at(-1) ?? null, AUDIT_PAGE_SIZE),
    what: 'the audit log',
    pollMs: POLL_MS,
  });
  readonly state = this.resource.state;
  readonly refreshing = this.resource.refreshing;
  readonly refreshError = this.resource.refreshError;
  readonly page = this.resource.value;
  readonly pageNumber = computed(() => this.cursors().length);
  readonly hasOlder = computed(() => Boolean(this.page()?.next_cursor));
  readonly hasNewer = computed(() => this.cursors().length > 1);
  readonly filtered = computed(() => Object.keys(this.filters()).length > 0);

  constructor() {
    this.resource.reload('initial');
  }

  /** Shows the newest page of what matches. */
  filter(filters: AuditFilters): void {
    this.filters.set(filters);
    this.cursors.set([null]);
    this.resource.startOver();
  }

  /** Adds one filter to those in force (an actor or action clicked in the list). */
  narrow(filter: Pick<AuditFilters, 'actor' | 'action'>): void {
    this.filter({ ...this.filters(), ...filter });
  }

  older(): void {
    const next = this.page()?.next_cursor;
    if (!next || this.state().status !== 'ready') return;
    this.cursors.update((cursors) => [...cursors, next]);
    this.resource.startOver();
  }

  newer(): void {
    if (!this.hasNewer()) return;
    this.cursors.update((cursors) => cursors.slice(0, -1));
    this.resource.startOver();
  }

  refresh(): void {
    this.resource.reload('manual');
  }

  retry(): void {
    this.resource.startOver();
  }
}
