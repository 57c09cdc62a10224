import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, output, signal, viewChild } from '@angular/core';
import { CommandQueueMove } from '@caseyos/contracts';
import { DOMAIN_LABELS } from '../../../core/domain/domain-filter.service';
import { Shortcut, ShortcutService } from '../../../core/shortcuts/shortcut.service';
import { ToastService } from '../../../core/toast/toast.service';
import { ErrorStateComponent } from '../../../shared/ui/error-state.component';
import { LoadingSkeletonComponent } from '../../../shared/ui/loading-skeleton.component';
import { ContactRef } from '../contact/contact-ref';
import { OutcomeStatsStore } from '../outcomes/outcome-stats.store';
import { DismissDialogComponent } from './dismiss-dialog.component';
import { MoveRowComponent } from './move-row.component';
import { SnoozeDialogComponent } from './snooze-dialog.component';
import { LiveBadgeComponent } from './live-badge.component';
import { TodayMovesStore } from './today-moves.store';

const SCOPE = "Today's moves";

/** Today's ranked moves, driven from the keyboard: select, execute, accept, mark done, dismiss, snooze, explain, show the contact. */
@Component({
  selector: 'cos-moves-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveBadgeComponent, LoadingSkeletonComponent, ErrorStateComponent, MoveRowComponent, DismissDialogComponent, SnoozeDialogComponent],
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
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  private readonly dismissDialog = viewChild.required(DismissDialogComponent);
  private readonly snoozeDialog = viewChild.required(SnoozeDialogComponent);
  protected readonly emptyScope = computed(() => {
    const domain = this.store.domain();
    return domain ? ` for ${DOMAIN_LABELS[domain]}` : '';
  });

  constructor() {
    const shortcuts = inject(ShortcutService);
    // Lowercase is what is listed; the capital works too, so Shift or Caps Lock does not matter.
    const keys: Omit<Shortcut, 'scope' | 'aliases'>[] = [
      { key: 'j', description: 'Select the next move', run: () => this.step(1) },
      { key: 'k', description: 'Select the previous move', run: () => this.step(-1) },
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
    inject(DestroyRef).onDestroy(() => unregister.forEach((fn) => fn()));
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
      (kind === 'dismiss' ? this.dismissDialog() : this.snoozeDialog()).open(move);
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

  private withSelected(run: (move: CommandQueueMove) => void): void {
    const move = this.store.selected();
    if (move) {
      run(move);
    }
  }

  private step(delta: number): void {
    const id = this.store.moveSelection(delta);
    // The row is already in the DOM (only its highlight changes), so it can be scrolled to now.
    const row = id ? this.host.nativeElement.querySelector(`[data-move-id="${CSS.escape(id)}"]`) : null;
    row?.scrollIntoView({ block: 'nearest' });
  }
}
