import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { DraftAsset, ProblemDetails, UpdateDraftAssetRequest } from '@caseyos/contracts';
import { catchError, of, throwError } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { ShortcutService } from '../../core/shortcuts/shortcut.service';
import { ToastService } from '../../core/toast/toast.service';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { relativeTime } from '../../shared/time/relative-time';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { ACTION_LABELS } from '../today/moves/move-format';
import { channelLabel } from './asset-format';
import { AssetsApiService } from './assets-api.service';

/** The API's word for a refused edit: the body field's own message when it names one. */
function saveError(err: unknown): string {
  if (err instanceof HttpErrorResponse && err.status === 400 && typeof err.error === 'object' && err.error !== null) {
    const problem = err.error as Partial<ProblemDetails>;
    return problem.errors?.flatMap((e) => e.messages).join(' ') || describeHttpError(err);
  }
  return describeHttpError(err);
}

/** One draft asset (a post, newsletter, outline) an execution made: read, copy, edit. */
@Component({
  selector: 'cos-asset',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LoadStateComponent],
  templateUrl: './asset.component.html',
  styleUrl: './asset.component.css',
})
export class AssetComponent {
  private readonly api = inject(AssetsApiService);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  /** From the route (withComponentInputBinding). */
  readonly id = input.required<string>();

  /** Null once loaded means there is no such asset (404). */
  protected readonly asset = signal<DraftAsset | null>(null);
  private readonly resource = new RefreshedResource<DraftAsset | null>({
    load: () =>
      this.api.get(this.id()).pipe(catchError((err: unknown) => (err instanceof HttpErrorResponse && err.status === 404 ? of(null) : throwError(() => err)))),
    loaded: (asset) => this.asset.set(asset),
    what: 'the asset',
  });
  protected readonly state = this.resource.state;
  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly draftTitle = signal('');
  protected readonly draftBody = signal('');
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly relativeTime = relativeTime;

  protected readonly channel = computed(() => channelLabel(this.asset()?.channel ?? ''));
  protected readonly publishing = signal(false);
  /** Characters left under the channel's limit while editing; null when it has none. */
  protected readonly left = computed(() => {
    const max = this.asset()?.max_length;
    return max === null || max === undefined ? null : max - this.draftBody().length;
  });
  protected readonly over = computed(() => (this.left() ?? 0) < 0);

  constructor() {
    effect(() => {
      this.id();
      untracked(() => {
        this.editing.set(false);
        this.resource.startOver();
      });
    });
    const unregister = inject(ShortcutService).register({
      key: 'c',
      aliases: ['C'],
      description: "Copy the asset's text",
      scope: 'Draft asset',
      run: () => void this.copy(),
    });
    this.destroyRef.onDestroy(unregister);
  }

  protected reload(): void {
    this.resource.startOver();
  }

  protected async copy(): Promise<void> {
    const asset = this.asset();
    if (!asset || this.editing()) {
      return;
    }
    try {
      await navigator.clipboard.writeText(asset.body);
      this.toast.success('Copied to the clipboard.');
    } catch {
      // The clipboard API needs a secure context and permission; the text is selectable either way.
      this.toast.error('The browser refused the clipboard: select the text and copy it by hand.');
    }
  }

  /** Records content_published for the execution that made it (once, however often pressed). */
  protected publish(): void {
    const asset = this.asset();
    if (!asset || this.publishing()) {
      return;
    }
    this.publishing.set(true);
    this.api
      .publish(asset.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (published) => {
          this.publishing.set(false);
          this.asset.set(published);
          this.toast.success('Marked published: recorded as content published.');
        },
        error: (err: unknown) => {
          this.publishing.set(false);
          this.toast.error(`Could not mark it published: ${describeHttpError(err)}`);
        },
      });
  }

  protected edit(): void {
    const asset = this.asset();
    if (!asset) {
      return;
    }
    this.draftTitle.set(asset.title);
    this.draftBody.set(asset.body);
    this.saveError.set(null);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
    this.saveError.set(null);
  }

  /** Ctrl/Cmd+Enter saves from the text area; Escape leaves editing. */
  protected editorKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.cancel();
    }
  }

  protected save(event?: Event): void {
    event?.preventDefault();
    const asset = this.asset();
    if (!asset || this.saving()) {
      return;
    }
    const title = this.draftTitle().trim();
    const body = this.draftBody();
    if (!title) {
      this.saveError.set('Give it a title.');
      return;
    }
    if (this.over()) {
      this.saveError.set(`${this.channel()} takes at most ${asset.max_length} characters; cut ${-(this.left() ?? 0)}.`);
      return;
    }
    const changes: UpdateDraftAssetRequest = {
      ...(title !== asset.title ? { title } : {}),
      ...(body !== asset.body ? { body } : {}),
    };
    if (Object.keys(changes).length === 0) {
      this.editing.set(false);
      return;
    }
    this.saving.set(true);
    this.api
      .update(asset.id, changes)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (saved) => {
          this.saving.set(false);
          this.editing.set(false);
          this.asset.set(saved);
          this.toast.success('Asset saved.');
        },
        error: (err: unknown) => {
          this.saving.set(false);
          this.saveError.set(saveError(err));
        },
      });
  }
}
