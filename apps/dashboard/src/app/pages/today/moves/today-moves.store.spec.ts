import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ApsBreakdown, CommandQueueMove, Domain, QueueCounts, TodayResponse } from '@caseyos/contracts';
import { Observable, Subject } from 'rxjs';
import { DomainFilterService } from '../../../core/domain/domain-filter.service';
import { LiveEventHandlers } from '../../../core/events/live-events.service';
import { liveEventsFollowedBy } from '../../../core/events/live-events.testing';
import { ToastService } from '../../../core/toast/toast.service';
import { QueueApiService } from './queue-api.service';
import { TodayMovesStore } from './today-moves.store';

const COUNTS: QueueCounts = { sales: {}, marketing: {}, cs: {} };

function move(id: string, overrides: Partial<CommandQueueMove> = {}): CommandQueueMove {
  return {
    id,
    domain: 'sales',
    action_type: 'send_email',
    title: `Move ${id}`,
    status: 'pending',
    aps: 0.5,
    aps_breakdown: {} as ApsBreakdown,
    reasons: [],
    contact_email: null,
    contact_name: null,
    company: null,
    deal_id: null,
    deal_amount: null,
    due_at: null,
    snoozed_until: null,
    dismiss_reason: null,
    signal_id: null,
    action_params: {},
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** Like HttpClient's: sent on subscribe, and open until the test answers it. */
function sent<T>(record: (answer: Subject<T>) => void): Observable<T> {
  return new Observable<T>((subscriber) => {
    const answer = new Subject<T>();
    record(answer);
    return answer.subscribe(subscriber);
  });
}

/** The queue endpoints the store uses; every request waits for the test's answer. */
class FakeQueueApi {
  readonly todayRequests: { domain: Domain | null; answer: Subject<TodayResponse> }[] = [];
  readonly changes: { id: string; verb: string; answer: Subject<CommandQueueMove> }[] = [];

  today(domain: Domain | null): Observable<TodayResponse> {
    return sent((answer) => this.todayRequests.push({ domain, answer }));
  }
  accept(id: string): Observable<CommandQueueMove> {
    return this.change(id, 'accept');
  }
  dismiss(id: string): Observable<CommandQueueMove> {
    return this.change(id, 'dismiss');
  }
  complete(id: string): Observable<CommandQueueMove> {
    return this.change(id, 'complete');
  }

  /** Answers the latest request for today's list. */
  answerToday(moves: CommandQueueMove[]): void {
    const request = this.todayRequests.at(-1);
    if (!request) throw new Error('nothing asked for today');
    request.answer.next({ today_moves: moves, counts: COUNTS, generated_at: '2026-01-01T00:00:00.000Z' });
    request.answer.complete();
  }

  private change(id: string, verb: string): Observable<CommandQueueMove> {
    return sent((answer) => this.changes.push({ id, verb, answer }));
  }
}

describe('TodayMovesStore', () => {
  let api: FakeQueueApi;
  let live: LiveEventHandlers;
  let domain: ReturnType<typeof signal<Domain | null>>;
  let store: TodayMovesStore;
  let toasts: ToastService;

  const ids = () => store.moves().map((m) => m.id);
  const statusOf = (id: string) => store.moves().find((m) => m.id === id)?.status;
  const conflict = (current: string) =>
    new HttpErrorResponse({ status: 409, error: { type: 'urn:caseyos:problem:conflict', status: 409, current_status: current } });

  beforeEach(() => {
    api = new FakeQueueApi();
    domain = signal<Domain | null>(null);
    TestBed.configureTestingModule({
      providers: [
        TodayMovesStore,
        { provide: QueueApiService, useValue: api },
        { provide: DomainFilterService, useValue: { domain } },
        liveEventsFollowedBy((handlers) => (live = handlers)),
      ],
    });
    store = TestBed.inject(TodayMovesStore);
    toasts = TestBed.inject(ToastService);
    TestBed.tick();
    api.answerToday([move('a', { aps: 0.9 }), move('b', { aps: 0.7 }), move('c', { aps: 0.3 })]);
  });

  it('shows the list the API ranked, and selects its first move', () => {
    expect(store.state()).toEqual({ status: 'ready' });
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(store.selectedId()).toBe('a');
  });

  describe('an optimistic change', () => {
    it('shows at once, and stays once the API confirms it', () => {
      store.accept(store.moves()[1]);
      expect(statusOf('b')).toBe('accepted');
      expect(store.busyIds().has('b')).toBe(true);

      api.changes[0].answer.next(move('b', { aps: 0.7, status: 'accepted', version: 2 }));
      expect(statusOf('b')).toBe('accepted');
      expect(store.busyIds().size).toBe(0);
    });

    it('rolls back when the API refuses it, and says why', () => {
      store.accept(store.moves()[1]);
      expect(statusOf('b')).toBe('accepted');

      api.changes[0].answer.error(new HttpErrorResponse({ status: 500, statusText: 'Internal Server Error' }));
      expect(statusOf('b')).toBe('pending');
      expect(store.busyIds().size).toBe(0);
      expect(toasts.toasts().at(-1)).toMatchObject({ kind: 'error', message: expect.stringContaining('Could not accept “Move b”') });
    });

    it('rolls back on a conflict, names the status the move really has, and fetches the truth', () => {
      const asked = api.todayRequests.length;
      store.accept(store.moves()[0]);
      api.changes[0].answer.error(conflict('dismissed'));
      expect(statusOf('a')).toBe('pending');
      expect(toasts.toasts().at(-1)?.message).toContain('it is already dismissed');
      expect(api.todayRequests.length).toBe(asked + 1);
    });

    it('takes a dismissed move off the list at once, and brings it back in its place when the API fails', () => {
      store.dismiss(store.moves()[1], 'Not a fit');
      expect(ids()).toEqual(['a', 'c']);
      api.changes[0].answer.error(new HttpErrorResponse({ status: 503 }));
      expect(ids()).toEqual(['a', 'b', 'c']);
    });

    it('is not undone by a refresh that answers while the change is on its way', () => {
      store.accept(store.moves()[0]);
      store.refresh();
      api.answerToday([move('a', { aps: 0.9 }), move('b', { aps: 0.7 }), move('c', { aps: 0.3 })]);
      expect(statusOf('a')).toBe('accepted');
    });

    it('refuses a second change while the first is on its way, and a change the status does not allow', () => {
      store.accept(store.moves()[0]);
      store.complete(store.moves()[0]);
      expect(api.changes.map((c) => c.verb)).toEqual(['accept']);

      store.accept(move('x', { status: 'accepted' }));
      expect(api.changes).toHaveLength(1);
      expect(toasts.toasts().at(-1)).toMatchObject({ kind: 'info', message: '“Move x” is already accepted.' });
    });
  });

  describe('a live change', () => {
    it('inserts a new move at its rank', () => {
      live.queueChanged?.({ type: 'queue.item.created', item: move('n', { aps: 0.8 }) });
      expect(ids()).toEqual(['a', 'n', 'b', 'c']);
      live.queueChanged?.({ type: 'queue.item.created', item: move('last', { aps: 0.1 }) });
      expect(ids()).toEqual(['a', 'n', 'b', 'c', 'last']);
    });

    it('breaks an APS tie by the due date, a move without one last', () => {
      live.queueChanged?.({ type: 'queue.item.created', item: move('due', { aps: 0.7, due_at: '2026-01-02T00:00:00.000Z' }) });
      expect(ids()).toEqual(['a', 'due', 'b', 'c']);
    });

    it('moves a rescored move to its new rank, and drops one that left Today', () => {
      live.queueChanged?.({ type: 'queue.item.updated', item: move('c', { aps: 0.95, version: 2 }) });
      expect(ids()).toEqual(['c', 'a', 'b']);
      live.queueChanged?.({ type: 'queue.item.updated', item: move('a', { aps: 0.9, status: 'completed', version: 2 }) });
      expect(ids()).toEqual(['c', 'b']);
    });

    it('never lets an older version overwrite a newer one', () => {
      live.queueChanged?.({ type: 'queue.item.updated', item: move('b', { aps: 0.7, status: 'accepted', version: 3 }) });
      live.queueChanged?.({ type: 'queue.item.updated', item: move('b', { aps: 0.7, status: 'pending', version: 2 }) });
      expect(statusOf('b')).toBe('accepted');
    });

    it("leaves out a move of another domain than the page's", () => {
      domain.set('cs');
      TestBed.tick();
      api.answerToday([move('cs1', { domain: 'cs', aps: 0.6 })]);
      live.queueChanged?.({ type: 'queue.item.created', item: move('s1', { domain: 'sales', aps: 0.9 }) });
      live.queueChanged?.({ type: 'queue.item.created', item: move('cs2', { domain: 'cs', aps: 0.9 }) });
      expect(ids()).toEqual(['cs2', 'cs1']);
    });
  });

  it('asks for the list again after the stream was down, and for the new domain when it changes', () => {
    const asked = api.todayRequests.length;
    live.resumed?.();
    expect(api.todayRequests.length).toBe(asked + 1);

    domain.set('marketing');
    TestBed.tick();
    expect(api.todayRequests.at(-1)?.domain).toBe('marketing');
    // Another domain is another list: skeletons, not the old domain's moves.
    expect(store.state()).toEqual({ status: 'loading' });
    expect(store.moves()).toEqual([]);
  });

  it('asks once for fresh counts after a burst of changes', () => {
    const asked = api.todayRequests.length;
    for (const id of ['x', 'y', 'z']) live.queueChanged?.({ type: 'queue.item.created', item: move(id) });
    jest.advanceTimersByTime(999);
    expect(api.todayRequests.length).toBe(asked);
    jest.advanceTimersByTime(1);
    expect(api.todayRequests.length).toBe(asked + 1);
  });

  it('keeps showing the last list when a refresh fails', () => {
    store.refresh();
    api.todayRequests.at(-1)?.answer.error(new HttpErrorResponse({ status: 503, statusText: 'Service Unavailable' }));
    expect(store.state()).toEqual({ status: 'ready' });
    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(store.refreshError()).not.toBeNull();
  });

  describe('the selection', () => {
    it('moves on to the move that took its place when the selected one leaves', () => {
      store.select('b');
      live.queueChanged?.({ type: 'queue.item.updated', item: move('b', { status: 'dismissed', version: 2 }) });
      expect(store.selectedId()).toBe('c');
      expect(store.selected()?.id).toBe('c');
    });

    it('follows its move when the move changes rank', () => {
      store.select('c');
      live.queueChanged?.({ type: 'queue.item.updated', item: move('c', { aps: 0.99, version: 2 }) });
      expect(ids()[0]).toBe('c');
      expect(store.selectedId()).toBe('c');
    });

    it('is set by a reveal from another widget, which asks for a scroll every time', () => {
      store.reveal('c');
      const first = store.revealRequest();
      expect(store.selectedId()).toBe('c');
      expect(first).toEqual({ id: 'c' });
      store.reveal('c');
      expect(store.revealRequest()).toEqual({ id: 'c' });
      expect(store.revealRequest()).not.toBe(first);
    });
  });
});
