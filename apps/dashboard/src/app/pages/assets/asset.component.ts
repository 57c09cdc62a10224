import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { DraftAsset } from '@caseyos/contracts';
import { catchError, of, throwError } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { ShortcutService } from '../../core/shortcuts/shortcut.service';
import { ToastService } from '../../core/toast/toast.service';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { relativeTime } from '../../shared/time/relative-time';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { ACTION_LABELS } from '../today/moves/move-format';
import {
  type AssetEdit,
  type AssetEditField,
  type AssetEditProblem,
  changesOf,
  editOf,
  editProblems,
  lengthLabel,
  lengthNote,
  saveProblems,
} from './asset-edit';
import { channelLabel } from './asset-format';
import { AssetsApiService } from './assets-api.service';

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
  /** Shown at their fields after a save was tried: the browser's own findings, then the API's refusal. */
  protected readonly problems = signal<AssetEditProblem[]>([]);
  protected readonly draft = signal<AssetEdit>({ title: '', body: '', variants: {} });
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly relativeTime = relativeTime;
  protected readonly channelLabel = channelLabel;
  protected readonly lengthLabel = lengthLabel;
  protected readonly lengthNote = lengthNote;

  protected readonly channel = computed(() => channelLabel(this.asset()?.channel ?? ''));
  protected readonly publishing = signal(false);
  /** The text's length against the channel's limit while editing. */
  protected readonly bodyNote = computed(() => lengthNote(this.draft().body, this.asset()?.max_length ?? null));

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
    await this.toClipboard(asset.body, 'Copied to the clipboard.');
  }

  protected async copyVariant(channel: string): Promise<void> {
    const variant = this.asset()?.variants.find((candidate) => candidate.channel === channel);
    if (variant) await this.toClipboard(variant.body, `Copied the ${channelLabel(channel)} post.`);
  }

  private async toClipboard(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.toast.success(done);
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
    this.draft.set(editOf(asset));
    this.problems.set([]);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
    this.problems.set([]);
  }

  /** A field typed into: its own problems go, the others stay until the next save. */
  protected change(field: AssetEditField, value: string): void {
    this.draft.update((draft) => {
      if (field === 'title') return { ...draft, title: value };
      if (field === 'body') return { ...draft, body: value };
      return { ...draft, variants: { ...draft.variants, [field.slice('variant:'.length)]: value } };
    });
    this.problems.update((problems) => problems.filter((problem) => problem.field !== field && problem.field !== 'form'));
  }

  protected variantField(channel: string): AssetEditField {
    return `variant:${channel}`;
  }

  protected problemsAt(field: AssetEditField | 'form'): string[] {
    return this.problems()
      .filter((problem) => problem.field === field)
      .map((problem) => problem.message);
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
    const found = editProblems(asset, this.draft());
    if (found.length > 0) {
      this.problems.set(found);
      return;
    }
    const changes = changesOf(asset, this.draft());
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
          this.problems.set(saveProblems(err, changes));
        },
      });
  }
}
