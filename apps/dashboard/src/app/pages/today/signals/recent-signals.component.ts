import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, effect, inject, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CommandQueueMove, IngestResponse, Page, SignalView } from '@caseyos/contracts';
import { Subject, debounceTime } from 'rxjs';
import { LiveEventsService } from '../../../core/events/live-events.service';
import { ShortcutService } from '../../../core/shortcuts/shortcut.service';
import { ToastService } from '../../../core/toast/toast.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { relativeTime } from '../../../shared/time/relative-time';
import { ErrorStateComponent } from '../../../shared/ui/error-state.component';
import { LoadingSkeletonComponent } from '../../../shared/ui/loading-skeleton.component';
import { ContactRef } from '../contact/contact-ref';
import { STATUS_LABELS } from '../moves/move-format';
import { LiveBadgeComponent } from '../moves/live-badge.component';
import { TodayMovesStore } from '../moves/today-moves.store';
import { ManualSignalFormComponent } from './manual-signal-form.component';
import { SOURCES, contactLabel, contactName, kindLabel, signalSummary } from './signal-format';
import { SignalsApiService } from './signals-api.service';

const LIMIT = 8;
// The stream announces moves only: a signal that makes no move (a plain note, a bounce) shows
// up with this poll.
const POLL_MS = 30_000;
// A burst of moves (a poller's batch) costs one reload.
const EVENT_RELOAD_DEBOUNCE_MS = 300;
// Past this many remembered moves, those the list no longer shows are forgotten (a long-open tab).
const MAX_REMEMBERED = 200;

/** What became of a signal, as far as the page knows. */
export type SignalOutcome =
  | { state: 'move'; move: CommandQueueMove; inToday: boolean }
  | { state: 'move-loading' }
  | { state: 'move-gone' }
  | { state: 'no-move' }
  | { state: 'processing' };

/** The latest signals from every source, what each turned into, and a form to add one by hand. */
@Component({
  selector: 'cos-recent-signals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveBadgeComponent, LoadingSkeletonComponent, ErrorStateComponent, ManualSignalFormComponent],
  templateUrl: './recent-signals.component.html',
  styleUrl: './recent-signals.component.css',
})
export class RecentSignalsComponent {
  private readonly api = inject(SignalsApiService);
  private readonly toast = inject(ToastService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  // Provided by the Today page; without it the widget still lists signals, it just cannot select moves.
  private readonly today = inject(TodayMovesStore, { optional: true });
  /** The page's contact timeline opens for it. */
  readonly openContact = output<ContactRef>();

  private readonly moveEvents = new Subject<void>();
  protected readonly live = inject(LiveEventsService).follow({
    queueChanged: ({ type, item }) => {
      const signalId = item.signal_id;
      if (!signalId) {
        return;
      }
      this.remember(item);
      this.moveIdBySignal.update((map) => new Map(map).set(signalId, item.id));
      if (type === 'queue.item.created') {
        this.moveEvents.next(); // a new move from a signal means a new signal to list
      }
    },
    resumed: () => this.recent.reload(), // signals that arrived while the stream was down
  });
  protected readonly formOpen = signal(false);
  protected readonly now = signal(Date.now());
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly relativeTime = relativeTime;

  private readonly signals = signal<readonly SignalView[]>([]);
  /** Moves looked up or heard of on the stream, by id; null once the move is known to be gone. */
  private readonly moves = signal<ReadonlyMap<string, CommandQueueMove | null>>(new Map());
  /** Signal id → move id from the stream, which announces a move before the signal records it. */
  private readonly moveIdBySignal = signal<ReadonlyMap<string, string>>(new Map());
  /** Ids on screen before the latest reload; anything else is new and gets a brief highlight. */
  private seen: ReadonlySet<string> | null = null;
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  private readonly lookups = new Set<string>();
  private readonly recent = new RefreshedResource<Page<SignalView>>({
    load: () => this.api.recent(LIMIT),
    loaded: (page) => this.show(page.items),
    settled: () => this.now.set(Date.now()),
    what: 'recent signals',
    pollMs: POLL_MS,
  });
  protected readonly state = this.recent.state;
  protected readonly refreshing = this.recent.refreshing;
  protected readonly refreshError = this.recent.refreshError;

  protected readonly rows = computed(() => {
    const moves = this.moves();
    const bySignal = this.moveIdBySignal();
    const todayMoves = new Map((this.today?.moves() ?? []).map((move) => [move.id, move]));
    return this.signals().map((item) => ({
      signal: item,
      source: SOURCES[item.source] ?? { label: item.source, icon: '' },
      kind: kindLabel(item.kind),
      contact: contactLabel(item),
      summary: signalSummary(item),
      outcome: outcomeOf(item.item_id ?? bySignal.get(item.id) ?? null, item, moves, todayMoves),
    }));
  });

  constructor() {
    this.moveEvents.pipe(debounceTime(EVENT_RELOAD_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => this.recent.reload());

    const unregister = inject(ShortcutService).register({
      key: 'n',
      aliases: ['N'],
      description: 'Add a signal by hand',
      scope: 'Signals',
      run: () => this.formOpen.set(true),
    });
    this.destroyRef.onDestroy(unregister);

    // A move leaves Today's list (another domain picked, dismissed elsewhere): look it up then.
    effect(() => this.lookUpMissingMoves());

    this.recent.reload('initial');
  }

  protected refresh(): void {
    this.recent.reload('manual');
  }

  protected retry(): void {
    this.recent.startOver();
  }

  protected toggleForm(): void {
    this.formOpen.update((open) => !open);
  }

  protected added(response: IngestResponse): void {
    this.formOpen.set(false);
    const move = response.move;
    if (move) {
      this.remember(move);
      this.moveIdBySignal.update((map) => new Map(map).set(response.signal_id, move.id));
    }
    if (response.duplicate) {
      this.toast.info('That signal was already recorded a moment ago; nothing was added twice.');
    } else {
      this.toast.success(move ? `Signal added. Suggested move: “${move.title}”.` : 'Signal added.');
    }
    this.recent.reload();
  }

  protected showContact(item: SignalView): void {
    if (item.contact_email) {
      this.openContact.emit({ email: item.contact_email, name: contactName(item) });
    }
  }

  /** Selects the move in Today's list and brings it into view. */
  protected showMove(move: CommandQueueMove): void {
    this.today?.select(move.id);
    const row = this.document.querySelector<HTMLElement>(`[data-testid="moves-widget"] [data-move-id="${CSS.escape(move.id)}"]`);
    row?.scrollIntoView({ block: 'center' });
  }

  private show(items: readonly SignalView[]): void {
    const seen = this.seen;
    this.fresh.set(new Set(seen ? items.map((item) => item.id).filter((id) => !seen.has(id)) : []));
    this.seen = new Set(items.map((item) => item.id));
    this.signals.set(items);
    this.forgetUnlisted(items);
  }

  /** Fetches each move the list points at that neither Today's list nor an earlier answer holds. */
  private lookUpMissingMoves(): void {
    // Today's own list usually has them: wait for it rather than ask for each one.
    if (this.today && this.today.state().status === 'loading') {
      return;
    }
    const known = this.moves();
    const bySignal = this.moveIdBySignal();
    const inToday = new Set((this.today?.moves() ?? []).map((move) => move.id));
    const missing = this.signals()
      .map((item) => item.item_id ?? bySignal.get(item.id))
      .filter((id): id is string => !!id && !known.has(id) && !inToday.has(id) && !this.lookups.has(id));
    for (const id of new Set(missing)) {
      this.lookups.add(id);
      untracked(() =>
        this.api
          .move(id)
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe({
            next: (move) => {
              this.lookups.delete(id);
              this.remember(move);
            },
            error: (err: unknown) => {
              this.lookups.delete(id);
              if (err instanceof HttpErrorResponse && err.status === 404) {
                this.moves.update((map) => new Map(map).set(id, null)); // deleted: say so, once
              }
              // Anything else: unreachable for now; the next reload asks again.
            },
          }),
      );
    }
  }

  private forgetUnlisted(items: readonly SignalView[]): void {
    if (this.moves().size <= MAX_REMEMBERED && this.moveIdBySignal().size <= MAX_REMEMBERED) {
      return;
    }
    const signalIds = new Set(items.map((item) => item.id));
    const bySignal = new Map([...this.moveIdBySignal()].filter(([signalId]) => signalIds.has(signalId)));
    const moveIds = new Set([...items.map((item) => item.item_id), ...bySignal.values()]);
    this.moveIdBySignal.set(bySignal);
    this.moves.set(new Map([...this.moves()].filter(([id]) => moveIds.has(id))));
  }

  private remember(move: CommandQueueMove): void {
    this.moves.update((map) => {
      const previous = map.get(move.id);
      return previous && previous.version > move.version ? map : new Map(map).set(move.id, move);
    });
  }
}

function outcomeOf(
  moveId: string | null,
  item: SignalView,
  moves: ReadonlyMap<string, CommandQueueMove | null>,
  todayMoves: ReadonlyMap<string, CommandQueueMove>,
): SignalOutcome {
  if (!moveId) {
    return item.processed_at ? { state: 'no-move' } : { state: 'processing' };
  }
  // Today's copy first: it carries the user's own latest change (accepted a second ago).
  const inToday = todayMoves.get(moveId);
  if (inToday) {
    return { state: 'move', move: inToday, inToday: true };
  }
  const move = moves.get(moveId);
  if (move === undefined) {
    return { state: 'move-loading' };
  }
  return move ? { state: 'move', move, inToday: false } : { state: 'move-gone' };
}
