import { Injectable, computed, inject, signal } from '@angular/core';
import { DraftAsset, DraftAssetFilters, Page } from '@caseyos/contracts';
import { Subscription } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { ToastService } from '../../core/toast/toast.service';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { AssetsApiService } from './assets-api.service';

export const ASSETS_PAGE_SIZE = 25;

/** The Assets page: the marketing drafts under its filters, older pages appended, published in place. */
@Injectable()
export class AssetsListStore {
  private readonly api = inject(AssetsApiService);
  private readonly toast = inject(ToastService);

  readonly filters = signal<DraftAssetFilters>({});
  private readonly first = new RefreshedResource<Page<DraftAsset>>({
    load: () => this.api.list(this.filters(), null, ASSETS_PAGE_SIZE),
    loaded: (page) => {
      this.items.set(page.items);
      this.nextCursor.set(page.next_cursor);
    },
    what: 'the assets',
  });
  readonly state = this.first.state;
  readonly items = signal<DraftAsset[]>([]);
  private readonly nextCursor = signal<string | null>(null);
  readonly hasMore = computed(() => this.nextCursor() !== null);
  readonly loadingMore = signal(false);
  /** The "Older assets" request in flight; dropped when the list starts over, so its rows and cursor never reach another filter's list. */
  private olderLoad: Subscription | null = null;
  /** Assets being marked published right now. */
  readonly publishing = signal<ReadonlySet<string>>(new Set());

  constructor() {
    this.first.reload('initial');
  }

  filter(filters: DraftAssetFilters): void {
    this.filters.set(filters);
    this.reload();
  }

  reload(): void {
    this.olderLoad?.unsubscribe();
    this.olderLoad = null;
    this.loadingMore.set(false);
    this.first.startOver();
  }

  more(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.olderLoad = this.api.list(this.filters(), cursor, ASSETS_PAGE_SIZE).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.items.update((items) => [...items, ...page.items.filter((item) => !items.some((shown) => shown.id === item.id))]);
        this.nextCursor.set(page.next_cursor);
      },
      error: (err: unknown) => {
        this.loadingMore.set(false);
        this.toast.error(`Could not load older assets: ${describeHttpError(err)}`);
      },
    });
  }

  /** Records content_published; under the Drafts filter the asset leaves the list. */
  publish(asset: DraftAsset): void {
    if (this.publishing().has(asset.id)) return;
    this.publishing.update((ids) => new Set([...ids, asset.id]));
    const done = () => this.publishing.update((ids) => new Set([...ids].filter((id) => id !== asset.id)));
    this.api.publish(asset.id).subscribe({
      next: (published) => {
        done();
        this.items.update((items) =>
          this.filters().status === 'draft' ? items.filter((item) => item.id !== asset.id) : items.map((item) => (item.id === asset.id ? published : item)),
        );
        this.toast.success(`“${asset.title}” marked published.`);
      },
      error: (err: unknown) => {
        done();
        this.toast.error(`Could not mark “${asset.title}” published: ${describeHttpError(err)}`);
      },
    });
  }
}
