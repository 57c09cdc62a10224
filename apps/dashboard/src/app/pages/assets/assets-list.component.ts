import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DRAFT_ASSET_STATUSES, DraftAsset, DraftAssetStatus } from '@caseyos/contracts';
import { ToastService } from '../../core/toast/toast.service';
import { ACTION_LABELS } from '../../shared/format/action-labels';
import { relativeTime } from '../../shared/time/relative-time';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { CHANNEL_LABELS, channelLabel } from './asset-format';
import { AssetsListStore } from './assets-list.store';

const STATUS_LABELS: Record<DraftAssetStatus, string> = { draft: 'Drafts', published: 'Published' };

/** The marketing drafts CaseyOS made: by channel and status, copied, opened to edit, marked published. */
@Component({
  selector: 'cos-assets-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LoadStateComponent],
  providers: [AssetsListStore],
  templateUrl: './assets-list.component.html',
  styleUrl: './assets-list.component.css',
})
export class AssetsListComponent {
  protected readonly store = inject(AssetsListStore);
  private readonly toast = inject(ToastService);

  protected readonly channels = Object.entries(CHANNEL_LABELS);
  protected readonly statuses = DRAFT_ASSET_STATUSES.map((status) => ({ status, label: STATUS_LABELS[status] }));
  protected readonly channelLabel = channelLabel;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly relativeTime = relativeTime;

  protected setChannel(channel: string): void {
    this.store.filter({ ...this.store.filters(), channel: channel || undefined });
  }

  protected setStatus(status: string): void {
    this.store.filter({ ...this.store.filters(), status: DRAFT_ASSET_STATUSES.find((s) => s === status) });
  }

  protected async copy(asset: DraftAsset): Promise<void> {
    try {
      await navigator.clipboard.writeText(asset.body);
      this.toast.success(`Copied “${asset.title}”.`);
    } catch {
      this.toast.error('The browser refused the clipboard: open the asset and copy the text by hand.');
    }
  }
}
