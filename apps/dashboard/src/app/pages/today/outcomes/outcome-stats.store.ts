import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActionType, ExecutionStatus, OutcomeStatsResponse, OutcomeStatsRow } from '@caseyos/contracts';
import { Observable, Subject, debounceTime, forkJoin, map, of, share } from 'rxjs';
import { DomainFilterService } from '../../../core/domain/domain-filter.service';
import { LiveEventsService } from '../../../core/events/live-events.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { statsFrom } from './outcome-format';
import { OutcomesApiService } from './outcomes-api.service';

// The stream announces every outcome and execution; the poll catches what a dropped stream missed.
const POLL_MS = 60_000;
// A detector run records outcomes in a burst: one reload for all of them.
const CHANGE_DEBOUNCE_MS = 1_000;
/** Executions that join or leave the stats' cohort (succeeded, then perhaps rolled back). */
const COHORT_CHANGES: ReadonlySet<ExecutionStatus> = new Set(['succeeded', 'rolled_back']);

interface StatsPair {
  /** Every action type: the success-rate badges of every move and of the widget. */
  all: OutcomeStatsResponse;
  /** The page's domain: the figures row. */
  scoped: OutcomeStatsResponse;
}

/**
 * The last 30 days' outcome stats for the Today page, kept fresh from the live stream. Also says
 * when outcomes change (debounced), so the funnel reloads on the same beat.
 */
@Injectable()
export class OutcomeStatsStore {
  private readonly api = inject(OutcomesApiService);
  private readonly domain = inject(DomainFilterService).domain;

  private readonly pair = signal<StatsPair | null>(null);
  readonly all = computed(() => this.pair()?.all ?? null);
  readonly scoped = computed(() => this.pair()?.scoped ?? null);
  /** Null until the first answer, so a badge can tell "loading" from "no executions". */
  readonly byAction = computed<ReadonlyMap<ActionType, OutcomeStatsRow> | null>(() => {
    const all = this.all();
    return all ? new Map(all.rows.map((row) => [row.action_type, row])) : null;
  });

  private readonly resource = new RefreshedResource<StatsPair>({
    load: () => this.load(),
    loaded: (pair) => this.pair.set(pair),
    what: 'outcome stats',
    pollMs: POLL_MS,
  });
  readonly state = this.resource.state;
  readonly refreshing = this.resource.refreshing;
  readonly refreshError = this.resource.refreshError;

  private readonly changes = new Subject<void>();
  /** Outcomes (or the executions they count) changed; debounced. */
  readonly changed$: Observable<void> = this.changes.pipe(debounceTime(CHANGE_DEBOUNCE_MS), share());
  readonly live = inject(LiveEventsService).follow({
    outcomeRecorded: () => this.changes.next(),
    executionChanged: (execution) => {
      if (!execution.dry_run && COHORT_CHANGES.has(execution.status)) this.changes.next();
    },
    resumed: () => this.changes.next(),
  });

  constructor() {
    this.changed$.pipe(takeUntilDestroyed()).subscribe(() => this.resource.reload());
    // Another domain is another figures row; the badges' rows are the same but come along.
    effect(() => {
      this.domain();
      untracked(() => {
        this.pair.set(null);
        this.resource.startOver();
      });
    });
  }

  reload(): void {
    this.resource.reload('manual');
  }

  retry(): void {
    this.resource.startOver();
  }

  private load(): Observable<StatsPair> {
    const from = statsFrom(Date.now());
    const domain = this.domain();
    const all = this.api.stats({ from, domain: null });
    return forkJoin([all, domain ? this.api.stats({ from, domain }) : of(null)]).pipe(map(([every, scoped]) => ({ all: every, scoped: scoped ?? every })));
  }
}
