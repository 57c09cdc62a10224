import { DestroyRef, Injectable, computed, effect, inject, linkedSignal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ACTIONABLE_STATUSES, CommandQueueMove, compareByRank, Domain, QueueCounts, QueueItemStatus, TODAY_STATUSES, TodayResponse } from '@caseyos/contracts';
import { Observable, Subject, debounceTime } from 'rxjs';
import { DomainFilterService } from '../../../core/domain/domain-filter.service';
import { LiveEventsService } from '../../../core/events/live-events.service';
import { describeHttpError } from '../../../core/http/http-error';
import { ToastService } from '../../../core/toast/toast.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { STATUS_LABELS } from './move-format';
import { QueueApiService, currentStatusOf } from './queue-api.service';

const AUTO_REFRESH_MS = 30_000;
// Several changes in a burst (a seed, a colleague triaging) cost one refresh for the counts.
const SYNC_DEBOUNCE_MS = 1_000;

/** The statuses the Today list shows; a move that leaves them leaves the list. */
const TODAY: ReadonlySet<QueueItemStatus> = new Set(TODAY_STATUSES);
/** A person can execute, complete or dismiss these (not a move that is executing). */
const ACTIONABLE: ReadonlySet<QueueItemStatus> = new Set(ACTIONABLE_STATUSES);
const PENDING: ReadonlySet<QueueItemStatus> = new Set(['pending']);

/** Applies one changed move to a ranked list: update in place, insert by rank, or drop it. */
function applyChange(list: readonly CommandQueueMove[], item: CommandQueueMove, domain: Domain | null): readonly CommandQueueMove[] {
  const existing = list.find((m) => m.id === item.id);
  if (existing && existing.version > item.version) {
    return list; // an older event overtaken by a newer answer
  }
  const rest = list.filter((m) => m.id !== item.id);
  if (!TODAY.has(item.status) || (domain && item.domain !== domain)) {
    return rest;
  }
  const at = rest.findIndex((m) => compareByRank(item, m) < 0);
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

  readonly domain = this.domainFilter.domain;
  readonly counts = signal<QueueCounts | null>(null);
  readonly live = inject(LiveEventsService).follow({
    queueChanged: (event) => {
      this.serverMoves.update((list) => applyChange(list, event.item, this.domain()));
      this.syncs.next();
    },
    resumed: () => this.today.reload(),
  });
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
      return TODAY.has(status) ? [{ ...move, status }] : [];
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
  /** The latest `reveal`: a new object each time, so asking twice for the same move scrolls twice. */
  private readonly revealRequests = signal<{ readonly id: string } | null>(null);
  readonly revealRequest = this.revealRequests.asReadonly();

  private readonly today = new RefreshedResource<TodayResponse>({
    load: () => this.api.today(this.domain()),
    loaded: (response) => {
      this.serverMoves.set(response.today_moves);
      this.counts.set(response.counts);
    },
    settled: () => this.now.set(Date.now()),
    what: "today's moves",
    pollMs: AUTO_REFRESH_MS,
  });
  readonly state = this.today.state;
  readonly refreshing = this.today.refreshing;
  readonly refreshError = this.today.refreshError;
  private readonly syncs = new Subject<void>();

  constructor() {
    // A new domain is a new list: show skeletons rather than the other domain's moves.
    effect(() => {
      this.domain();
      untracked(() => {
        this.serverMoves.set([]);
        this.counts.set(null);
        this.today.startOver();
      });
    });

    this.syncs.pipe(debounceTime(SYNC_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => this.today.reload());
  }

  refresh(): void {
    this.today.reload('manual');
  }

  /** After an error state, start over as if the page had just opened. */
  retry(): void {
    this.today.startOver();
  }

  select(id: string): void {
    this.selectedId.set(id);
  }

  /** Selects a move from elsewhere on the page (a signal's move) and asks the moves widget to bring it into view. */
  reveal(id: string): void {
    this.selectedId.set(id);
    this.revealRequests.set({ id });
  }

  accept(move: CommandQueueMove): void {
    this.act(move, PENDING, 'accepted', 'accept', this.api.accept(move.id));
  }

  dismiss(move: CommandQueueMove, reason: string): void {
    this.act(move, ACTIONABLE, 'dismissed', 'dismiss', this.api.dismiss(move.id, reason), `Dismissed “${move.title}”.`);
  }

  snooze(move: CommandQueueMove, until: Date): void {
    const when = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(until);
    this.act(move, PENDING, 'snoozed', 'snooze', this.api.snooze(move.id, until), `Snoozed “${move.title}” until ${when}.`);
  }

  /** Done by hand, outside CaseyOS: the move leaves the list with nothing executed. */
  complete(move: CommandQueueMove): void {
    this.act(move, ACTIONABLE, 'completed', 'mark done', this.api.complete(move.id), `Marked “${move.title}” done.`);
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
          this.today.reload('manual');
        },
        error: (err: unknown) => {
          this.seeding.set(false);
          this.toast.error(`Could not seed demo data: ${describeHttpError(err)}`);
        },
      });
  }

  /** Only a pending move can be accepted or snoozed; says so rather than asking for a 409. */
  guardPending(move: CommandQueueMove): boolean {
    return this.guard(move, PENDING);
  }

  /** Pending, accepted and failed moves may be dismissed, done by hand or executed; not while a change is on its way. */
  guardOpen(move: CommandQueueMove): boolean {
    return this.guard(move, ACTIONABLE);
  }

  private guard(move: CommandQueueMove, allowed: ReadonlySet<QueueItemStatus>): boolean {
    if (this.optimistic().has(move.id)) {
      return false;
    }
    if (!allowed.has(move.status)) {
      this.toast.info(`“${move.title}” is already ${STATUS_LABELS[move.status].toLowerCase()}.`);
    }
    return allowed.has(move.status);
  }

  private act(
    move: CommandQueueMove,
    allowed: ReadonlySet<QueueItemStatus>,
    status: QueueItemStatus,
    verb: string,
    request: Observable<CommandQueueMove>,
    done?: string,
  ): void {
    if (!this.guard(move, allowed)) {
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
          this.today.reload(); // our copy was stale; fetch the truth
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
}
