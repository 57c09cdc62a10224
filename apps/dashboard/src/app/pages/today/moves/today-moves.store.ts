import { DOCUMENT, DestroyRef, Injectable, computed, effect, inject, linkedSignal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CommandQueueMove, Domain, QueueCounts, QueueItemStatus, TodayResponse } from '@caseyos/contracts';
import { Observable, Subject, catchError, debounceTime, filter, fromEvent, interval, map, of, switchMap } from 'rxjs';
import { DomainFilterService } from '../../../core/domain/domain-filter.service';
import { describeHttpError, requestIdOf } from '../../../core/http/http-error';
import { ToastService } from '../../../core/toast/toast.service';
import { STATUS_LABELS } from './move-format';
import { QueueApiService, currentStatusOf } from './queue-api.service';
import { QueueEventsService } from './queue-events.service';

const AUTO_REFRESH_MS = 30_000;
// Several changes in a burst (a seed, a colleague triaging) cost one refresh for the counts.
const SYNC_DEBOUNCE_MS = 1_000;

/** The statuses the Today list shows; a move that leaves them leaves the list. */
const TODAY_STATUSES: ReadonlySet<QueueItemStatus> = new Set(['pending', 'accepted']);

/** Why a reload happens decides how loud it is: only a user's own refresh reports failure with a toast. */
type ReloadReason = 'initial' | 'manual' | 'auto' | 'sync';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string; requestId?: string };
type LiveState = 'connecting' | 'live' | 'offline';

type ReloadResult =
  | { ok: true; response: TodayResponse; reason: ReloadReason }
  | { ok: false; error: unknown; reason: ReloadReason };

/** The server's ranking: APS desc, then due date (none last), then oldest first, then id. */
function compareMoves(a: CommandQueueMove, b: CommandQueueMove): number {
  const due = (m: CommandQueueMove) => (m.due_at ? Date.parse(m.due_at) : Number.POSITIVE_INFINITY);
  return b.aps - a.aps || due(a) - due(b) || Date.parse(a.created_at) - Date.parse(b.created_at) || a.id.localeCompare(b.id);
}

/** Applies one changed move to a ranked list: update in place, insert by rank, or drop it. */
function applyChange(
  list: readonly CommandQueueMove[],
  item: CommandQueueMove,
  domain: Domain | null,
): readonly CommandQueueMove[] {
  const existing = list.find((m) => m.id === item.id);
  if (existing && existing.version > item.version) {
    return list; // an older event overtaken by a newer answer
  }
  const rest = list.filter((m) => m.id !== item.id);
  if (!TODAY_STATUSES.has(item.status) || (domain && item.domain !== domain)) {
    return rest;
  }
  const at = rest.findIndex((m) => compareMoves(item, m) < 0);
  return at === -1 ? [...rest, item] : [...rest.slice(0, at), item, ...rest.slice(at)];
}

/**
 * State of the Today page's queue, shared by the moves widget, the stats row and the quick actions.
 * What the server said and what the user just did are kept apart, so an optimistic change rolls
 * back by forgetting it, and a refresh arriving mid-request cannot undo it.
 */
@Injectable()
export class TodayMovesStore {
  private readonly api = inject(QueueApiService);
  private readonly toast = inject(ToastService);
  private readonly domainFilter = inject(DomainFilterService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);

  readonly domain = this.domainFilter.domain;
  readonly state = signal<LoadState>({ status: 'loading' });
  readonly counts = signal<QueueCounts | null>(null);
  readonly refreshing = signal(false);
  /** Set when a background refresh failed: the list shown may be out of date. */
  readonly refreshError = signal<string | null>(null);
  readonly live = signal<LiveState>('connecting');
  readonly seeding = signal(false);
  /** "Now" for due labels; ticks with the auto-refresh so "in 3 h" does not go stale. */
  readonly now = signal(Date.now());

  private readonly serverMoves = signal<readonly CommandQueueMove[]>([]);
  /** Statuses the user set that the API has not confirmed yet, by move id. */
  private readonly optimistic = signal<ReadonlyMap<string, QueueItemStatus>>(new Map());

  readonly moves = computed(() => {
    const optimistic = this.optimistic();
    return this.serverMoves().flatMap((move) => {
      const status = optimistic.get(move.id);
      if (!status) {
        return [move];
      }
      return TODAY_STATUSES.has(status) ? [{ ...move, status }] : [];
    });
  });
  readonly busyIds = computed(() => new Set(this.optimistic().keys()));

  /** Follows the move by id; when it leaves, the one that took its place is selected. */
  readonly selectedId = linkedSignal<readonly CommandQueueMove[], string | null>({
    source: this.moves,
    computation: (moves, previous) => {
      const id = previous?.value;
      if (id && moves.some((m) => m.id === id)) {
        return id;
      }
      const oldIndex = id && previous ? previous.source.findIndex((m) => m.id === id) : 0;
      return moves[Math.min(Math.max(oldIndex, 0), moves.length - 1)]?.id ?? null;
    },
  });
  readonly selected = computed(() => this.moves().find((m) => m.id === this.selectedId()) ?? null);

  private readonly reloads = new Subject<ReloadReason>();
  private readonly syncs = new Subject<void>();

  constructor() {
    this.reloads
      .pipe(
        switchMap((reason) => this.fetch(reason)),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.settle(result));

    // A new domain is a new list: show skeletons rather than the other domain's moves.
    effect(() => {
      this.domain();
      untracked(() => {
        this.serverMoves.set([]);
        this.counts.set(null);
        this.state.set({ status: 'loading' });
        this.reloads.next('initial');
      });
    });

    // A hidden tab does not poll; it catches up as soon as it is looked at again.
    interval(AUTO_REFRESH_MS)
      .pipe(
        filter(() => this.document.visibilityState === 'visible'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.reloads.next('auto'));
    fromEvent(this.document, 'visibilitychange')
      .pipe(
        filter(() => this.document.visibilityState === 'visible'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.reloads.next('auto'));

    this.syncs.pipe(debounceTime(SYNC_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => this.reloads.next('sync'));

    inject(QueueEventsService)
      .stream()
      .pipe(takeUntilDestroyed())
      .subscribe((message) => {
        switch (message.kind) {
          case 'connected':
            this.live.set('live');
            if (message.resumed) {
              this.reloads.next('sync'); // changes made while the stream was down were missed
            }
            break;
          case 'disconnected':
            this.live.set('offline');
            break;
          case 'change':
            this.serverMoves.update((list) => applyChange(list, message.event.item, this.domain()));
            this.syncs.next();
            break;
        }
      });
  }

  refresh(): void {
    this.reloads.next('manual');
  }

  /** After an error state, start over as if the page had just opened. */
  retry(): void {
    this.state.set({ status: 'loading' });
    this.reloads.next('initial');
  }

  select(id: string): void {
    this.selectedId.set(id);
  }

  /** Moves the selection by `delta` rows, stopping at either end; returns the id now selected. */
  moveSelection(delta: number): string | null {
    const moves = this.moves();
    if (moves.length === 0) {
      return null;
    }
    const index = moves.findIndex((m) => m.id === this.selectedId());
    const next = index === -1 ? 0 : Math.min(Math.max(index + delta, 0), moves.length - 1);
    this.selectedId.set(moves[next].id);
    return moves[next].id;
  }

  accept(move: CommandQueueMove): void {
    this.act(move, 'accepted', 'accept', this.api.accept(move.id));
  }

  dismiss(move: CommandQueueMove, reason: string): void {
    this.act(move, 'dismissed', 'dismiss', this.api.dismiss(move.id, reason), `Dismissed “${move.title}”.`);
  }

  snooze(move: CommandQueueMove, until: Date): void {
    const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(until);
    this.act(move, 'snoozed', 'snooze', this.api.snooze(move.id, until), `Snoozed “${move.title}” until ${when}.`);
  }

  seed(): void {
    if (this.seeding()) {
      return;
    }
    this.seeding.set(true);
    this.api
      .seed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ created, existing }) => {
          this.seeding.set(false);
          this.toast.success(
            created > 0 ? `Demo data seeded: ${created} moves created, ${existing} already there.` : `Demo data already there (${existing} moves).`,
          );
          this.reloads.next('manual');
        },
        error: (err: unknown) => {
          this.seeding.set(false);
          this.toast.error(`Could not seed demo data: ${describeHttpError(err)}`);
        },
      });
  }

  /** Only a pending move can be accepted, dismissed or snoozed; says so rather than asking for a 409. */
  guardPending(move: CommandQueueMove): boolean {
    if (move.status !== 'pending') {
      this.toast.info(`“${move.title}” is already ${STATUS_LABELS[move.status].toLowerCase()}.`);
    }
    return move.status === 'pending';
  }

  private act(move: CommandQueueMove, status: QueueItemStatus, verb: string, request: Observable<CommandQueueMove>, done?: string): void {
    if (!this.guardPending(move)) {
      return;
    }
    this.optimistic.update((map) => new Map(map).set(move.id, status));
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.serverMoves.update((list) => applyChange(list, saved, this.domain()));
        this.forget(move.id);
        if (done) {
          this.toast.success(done);
        }
        this.syncs.next();
      },
      error: (err: unknown) => {
        this.forget(move.id);
        const current = currentStatusOf(err);
        if (current) {
          this.toast.error(`Could not ${verb} “${move.title}”: it is already ${STATUS_LABELS[current].toLowerCase()}.`);
          this.reloads.next('sync'); // our copy was stale; fetch the truth
        } else {
          this.toast.error(`Could not ${verb} “${move.title}”: ${describeHttpError(err)}`);
        }
      },
    });
  }

  private forget(id: string): void {
    this.optimistic.update((map) => {
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }

  private fetch(reason: ReloadReason): Observable<ReloadResult> {
    this.refreshing.set(true);
    return this.api.today(this.domain()).pipe(
      map((response): ReloadResult => ({ ok: true, response, reason })),
      catchError((error: unknown) => of<ReloadResult>({ ok: false, error, reason })),
    );
  }

  private settle(result: ReloadResult): void {
    this.refreshing.set(false);
    this.now.set(Date.now());
    if (result.ok) {
      this.serverMoves.set(result.response.today_moves);
      this.counts.set(result.response.counts);
      this.state.set({ status: 'ready' });
      this.refreshError.set(null);
      return;
    }
    const message = describeHttpError(result.error);
    if (this.state().status !== 'ready') {
      this.state.set({ status: 'error', message, requestId: requestIdOf(result.error) });
    } else {
      this.refreshError.set(message);
      if (result.reason === 'manual') {
        this.toast.error(`Could not refresh today's moves: ${message}`);
      }
    }
  }
}
