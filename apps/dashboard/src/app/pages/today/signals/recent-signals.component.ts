import { ChangeDetectionStrategy, Component, ViewContainerRef, computed, effect, inject, output, outputBinding, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { IngestResponse, MoveSummary, Page, SignalListItem } from '@caseyos/contracts';
import { Subject, debounceTime } from 'rxjs';
import { LiveEventsService } from '../../../core/events/live-events.service';
import { ToastService } from '../../../core/toast/toast.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { relativeTime } from '../../../shared/time/relative-time';
import { CollapsibleWidgetDirective } from '../../../shared/ui/collapsible-widget';
import { LazyComponent } from '../../../shared/ui/lazy-component';
import { LiveBadgeComponent } from '../../../shared/ui/live-badge.component';
import { LoadStateComponent } from '../../../shared/ui/load-state.component';
import { WidgetHeaderComponent } from '../../../shared/ui/widget-header.component';
import { ContactRef } from '../contact/contact-ref';
import { STATUS_LABELS } from '../moves/move-format';
import { TodayMovesStore } from '../moves/today-moves.store';
import { SOURCES, contactLabel, contactName, kindLabel, signalSummary } from './signal-format';
import { newerMove, outcomeOf, stillNewer } from './signal-moves';
import { SignalsApiService } from './signals-api.service';

const LIMIT = 8;
// The stream announces moves only: a signal that makes no move (a plain note, a bounce) shows
// up with this poll.
const POLL_MS = 30_000;
// A burst of moves (a poller's batch) costs one reload.
const EVENT_RELOAD_DEBOUNCE_MS = 300;

/** The latest signals from every source, what each turned into, and a form to add one by hand. */
@Component({
  selector: 'cos-recent-signals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveBadgeComponent, LoadStateComponent, CollapsibleWidgetDirective, WidgetHeaderComponent],
  templateUrl: './recent-signals.component.html',
  styleUrl: './recent-signals.component.css',
})
export class RecentSignalsComponent {
  private readonly api = inject(SignalsApiService);
  private readonly toast = inject(ToastService);
  // Provided by the Today page; without it the widget still lists signals, it just cannot select moves.
  private readonly today = inject(TodayMovesStore, { optional: true });
  /** The page's contact timeline opens for it. */
  readonly openContact = output<ContactRef>();

  private readonly moveEvents = new Subject<void>();
  protected readonly live = inject(LiveEventsService).follow({
    queueChanged: ({ type, item }) => {
      if (!item.signal_id) {
        return;
      }
      this.heard.update((map) => (newerMove(map.get(item.id), item) === item ? new Map(map).set(item.id, item) : map));
      if (type === 'queue.item.created') {
        this.moveEvents.next(); // a new move from a signal means a new signal to list
      }
    },
    resumed: () => this.recent.reload(), // signals that arrived while the stream was down
  });
  protected readonly formOpen = signal(false);
  // Its own chunk, with @angular/forms: nothing else on the page needs them.
  private readonly formHost = viewChild.required('form', { read: ViewContainerRef });
  private readonly form = new LazyComponent(this.formHost, () => import('./manual-signal-form.component').then((m) => m.ManualSignalFormComponent), [
    outputBinding<IngestResponse>('saved', (response) => this.added(response)),
    outputBinding('cancelled', () => this.formOpen.set(false)),
  ]);
  protected readonly now = signal(Date.now());
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly relativeTime = relativeTime;

  private readonly signals = signal<readonly SignalListItem[]>([]);
  /** Signals' moves as changed on the stream since the list was loaded, by move id. */
  private readonly heard = signal<ReadonlyMap<string, MoveSummary>>(new Map());
  /** Ids on screen before the latest reload; anything else is new and gets a brief highlight. */
  private seen: ReadonlySet<string> | null = null;
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  private readonly recent = new RefreshedResource<Page<SignalListItem>>({
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
    const heard = this.heard();
    const todayMoves = new Map((this.today?.moves() ?? []).map((move) => [move.id, move]));
    return this.signals().map((item) => ({
      signal: item,
      source: SOURCES[item.source] ?? { label: item.source, icon: '' },
      kind: kindLabel(item.kind),
      contact: contactLabel(item),
      summary: signalSummary(item),
      outcome: outcomeOf(item, heard, todayMoves),
    }));
  });

  constructor() {
    this.moveEvents.pipe(debounceTime(EVENT_RELOAD_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => this.recent.reload());
    effect(() => (this.formOpen() ? void this.form.get() : this.form.destroy()));
    this.recent.reload('initial');
  }

  /** Opens the manual signal form (the Today page's `n` shortcut). */
  openForm(): void {
    this.formOpen.set(true);
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
    if (response.duplicate) {
      this.toast.info('That signal was already recorded a moment ago; nothing was added twice.');
    } else {
      this.toast.success(response.move ? `Signal added. Suggested move: “${response.move.title}”.` : 'Signal added.');
    }
    this.recent.reload();
  }

  protected showContact(item: SignalListItem): void {
    if (item.contact_email) {
      this.openContact.emit({ email: item.contact_email, name: contactName(item) });
    }
  }

  /** Selects the move in Today's list, which brings it into view. */
  protected showMove(move: MoveSummary): void {
    this.today?.reveal(move.id);
  }

  private show(items: readonly SignalListItem[]): void {
    const seen = this.seen;
    this.fresh.set(new Set(seen ? items.map((item) => item.id).filter((id) => !seen.has(id)) : []));
    this.seen = new Set(items.map((item) => item.id));
    this.signals.set(items);
    this.heard.update((heard) => stillNewer(heard, items));
  }
}
