import { ListKeyManager } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  ViewContainerRef,
  computed,
  effect,
  inject,
  output,
  outputBinding,
  signal,
  untracked,
  viewChild,
  viewChildren,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CommandQueueMove } from '@caseyos/contracts';
import { DOMAIN_LABELS } from '../../../core/domain/domain-filter.service';
import { Shortcut, ShortcutService } from '../../../core/shortcuts/shortcut.service';
import { ToastService } from '../../../core/toast/toast.service';
import { LiveBadgeComponent } from '../../../shared/ui/live-badge.component';
import { LazyComponent } from '../../../shared/ui/lazy-component';
import { LoadStateComponent } from '../../../shared/ui/load-state.component';
import { WidgetHeaderComponent } from '../../../shared/ui/widget-header.component';
import { ContactRef } from '../contact/contact-ref';
import { OutcomeStatsStore } from '../outcomes/outcome-stats.store';
import { MoveRowComponent } from './move-row.component';
import { TodayMovesStore } from './today-moves.store';

const SCOPE = "Today's moves";

/** Today's ranked moves, driven from the keyboard: select, execute, accept, mark done, dismiss, snooze, explain, show the contact. */
@Component({
  selector: 'cos-moves-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveBadgeComponent, LoadStateComponent, MoveRowComponent, WidgetHeaderComponent],
  templateUrl: './moves-widget.component.html',
  styleUrl: './moves-widget.component.css',
})
export class MovesWidgetComponent {
  protected readonly store = inject(TodayMovesStore);
  protected readonly outcomeStats = inject(OutcomeStatsStore);
  private readonly toast = inject(ToastService);
  /** The page's execute dialog opens for it (the history's Retry uses the same one). */
  readonly executeMove = output<CommandQueueMove>();
  /** The page's contact timeline opens for it (a signal's contact uses the same one). */
  readonly openContact = output<ContactRef>();

  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  private readonly dialogs = viewChild.required('dialogs', { read: ViewContainerRef });
  private readonly dismissDialog = new LazyComponent(this.dialogs, () => import('../today-dialogs').then((m) => m.DismissDialogComponent), [
    outputBinding<{ move: CommandQueueMove; reason: string }>('confirmed', ({ move, reason }) => this.store.dismiss(move, reason)),
  ]);
  private readonly snoozeDialog = new LazyComponent(this.dialogs, () => import('../today-dialogs').then((m) => m.SnoozeDialogComponent), [
    outputBinding<{ move: CommandQueueMove; until: Date }>('confirmed', ({ move, until }) => this.store.snooze(move, until)),
  ]);
  private readonly rows = viewChildren(MoveRowComponent);
  /** j and k walk the rows, stopping at either end; the store keeps which move is selected. */
  private readonly keys = new ListKeyManager<MoveRowComponent>(this.rows, inject(Injector));
  protected readonly emptyScope = computed(() => {
    const domain = this.store.domain();
    return domain ? ` for ${DOMAIN_LABELS[domain]}` : '';
  });

  constructor() {
    const shortcuts = inject(ShortcutService);
    // Lowercase is what is listed; the capital works too, so Shift or Caps Lock does not matter.
    const keys: Omit<Shortcut, 'scope' | 'aliases'>[] = [
      { key: 'j', description: 'Select the next move', run: () => this.keys.setNextItemActive() },
      { key: 'k', description: 'Select the previous move', run: () => this.selectPrevious() },
      { key: 'e', description: 'Execute the selected move (shows the dry run first)', run: () => this.withSelected((move) => this.execute(move)) },
      { key: 'a', description: 'Accept the selected move', run: () => this.withSelected((move) => this.store.accept(move)) },
      { key: 'x', description: 'Mark the selected move done by hand', run: () => this.withSelected((move) => this.store.complete(move)) },
      { key: 'd', description: 'Dismiss the selected move (asks why)', run: () => this.withSelected((move) => this.open('dismiss', move)) },
      { key: 's', description: 'Snooze the selected move', run: () => this.withSelected((move) => this.open('snooze', move)) },
      { key: 'w', description: 'Show or hide why it is ranked there', run: () => this.withSelected((move) => this.toggleWhy(move.id)) },
      { key: 'c', description: "Show the selected move's contact timeline", run: () => this.withSelected((move) => this.showContact(move)) },
      { key: 'r', description: "Refresh today's moves", run: () => this.store.refresh() },
    ];
    const unregister = keys.map((shortcut) => shortcuts.register({ ...shortcut, aliases: [shortcut.key.toUpperCase()], scope: SCOPE }));
    inject(DestroyRef).onDestroy(() => {
      unregister.forEach((fn) => fn());
      this.keys.destroy();
    });

    // The selection also moves by click, by a move leaving the list, or from another widget: the key manager follows.
    effect(() => {
      const id = this.store.selectedId();
      const index = this.rows().findIndex((row) => row.move().id === id);
      untracked(() => this.keys.updateActiveItem(index));
    });
    this.keys.change.pipe(takeUntilDestroyed()).subscribe(() => {
      const row = this.keys.activeItem;
      if (row) {
        this.store.select(row.move().id);
        row.scrollIntoView('nearest');
      }
    });
    // Only a new request scrolls: the list changing under a revealed move must not pull the page back to it.
    effect(() => {
      const request = this.store.revealRequest();
      if (request) {
        untracked(() =>
          this.rows()
            .find((row) => row.move().id === request.id)
            ?.scrollIntoView('center'),
        );
      }
    });
  }

  protected toggleWhy(id: string): void {
    this.expanded.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  }

  protected open(kind: 'dismiss' | 'snooze', move: CommandQueueMove): void {
    if (kind === 'dismiss' ? this.store.guardOpen(move) : this.store.guardPending(move)) {
      void (kind === 'dismiss' ? this.dismissDialog : this.snoozeDialog).get().then((dialog) => dialog.open(move));
    }
  }

  protected execute(move: CommandQueueMove): void {
    if (this.store.guardOpen(move)) {
      this.executeMove.emit(move);
    }
  }

  protected showContact(move: CommandQueueMove): void {
    if (move.contact_email) {
      this.openContact.emit({ email: move.contact_email, name: move.contact_name });
    } else {
      this.toast.info(`“${move.title}” has no contact to show a timeline for.`);
    }
  }

  /** With nothing selected, k starts at the top like j does. */
  private selectPrevious(): void {
    if (this.keys.activeItemIndex === null || this.keys.activeItemIndex < 0) this.keys.setFirstItemActive();
    else this.keys.setPreviousItemActive();
  }

  private withSelected(run: (move: CommandQueueMove) => void): void {
    const move = this.store.selected();
    if (move) {
      run(move);
    }
  }
}
