import { TestBed } from '@angular/core/testing';
import { AuditEntry, AuditFilters, Page } from '@caseyos/contracts';
import { Observable, Subject } from 'rxjs';
import { AuditApiService } from './audit-api.service';
import { AUDIT_PAGE_SIZE, AuditLogStore } from './audit-log.store';

interface Request {
  filters: AuditFilters;
  cursor: string | null;
  limit: number;
  answer: Subject<Page<AuditEntry>>;
}

const entry = (id: string): AuditEntry => ({
  id,
  at: '2026-12-01T09:00:00Z',
  actor: 'operator:token',
  action: 'test.action',
  subject: `thing:${id}`,
  request_id: null,
  detail: null,
  result: 'success',
  status_code: null,
});

describe('AuditLogStore', () => {
  let requests: Request[];
  let store: AuditLogStore;

  const answer = (ids: string[], nextCursor: string | null) => {
    const request = requests.shift();
    if (!request) throw new Error('no request is waiting for an answer');
    request.answer.next({ items: ids.map(entry), next_cursor: nextCursor });
    request.answer.complete();
  };
  const shown = () => store.page()?.items.map((item) => item.id);

  beforeEach(() => {
    requests = [];
    TestBed.configureTestingModule({
      providers: [
        AuditLogStore,
        {
          provide: AuditApiService,
          useValue: {
            list: (filters: AuditFilters, cursor: string | null, limit: number) =>
              new Observable<Page<AuditEntry>>((subscriber) => {
                const request = { filters, cursor, limit, answer: new Subject<Page<AuditEntry>>() };
                requests.push(request);
                return request.answer.subscribe(subscriber);
              }),
          },
        },
      ],
    });
    store = TestBed.inject(AuditLogStore);
  });

  it('loads the newest page, unfiltered, and pages older and back newer with the cursors it was given', () => {
    expect(requests.map(({ filters, cursor, limit }) => ({ filters, cursor, limit }))).toEqual([{ filters: {}, cursor: null, limit: AUDIT_PAGE_SIZE }]);
    answer(['9', '8'], '8');
    expect(shown()).toEqual(['9', '8']);
    expect(store.hasNewer()).toBe(false);

    store.older();
    expect(store.page()).toBeNull(); // the next page's skeleton, not the old rows under a new page number
    expect(requests[0].cursor).toBe('8');
    answer(['7', '6'], '6');
    store.older();
    expect(requests[0].cursor).toBe('6');
    answer(['5'], null);
    expect(store.pageNumber()).toBe(3);
    expect(store.hasOlder()).toBe(false);

    store.older(); // the last page: nothing older to ask for
    expect(requests).toHaveLength(0);

    store.newer();
    expect(requests[0].cursor).toBe('8');
    answer(['7', '6'], '6');
    store.newer();
    expect(requests[0].cursor).toBeNull();
    answer(['9', '8'], '8');
    expect(store.pageNumber()).toBe(1);
    expect(store.hasNewer()).toBe(false);
  });

  it('starts again from the newest page when the filters change, and keeps them while paging', () => {
    answer(['9', '8'], '8');
    store.older();
    answer(['7'], null);

    store.filter({ action: 'contact.erased' });
    expect(requests[0]).toMatchObject({ filters: { action: 'contact.erased' }, cursor: null });
    answer(['4', '3'], '3');
    store.older();
    expect(requests[0]).toMatchObject({ filters: { action: 'contact.erased' }, cursor: '3' });
    answer(['2'], null);

    store.narrow({ actor: 'operator:token' });
    expect(requests[0]).toMatchObject({ filters: { action: 'contact.erased', actor: 'operator:token' }, cursor: null });
    expect(store.pageNumber()).toBe(1);
    expect(store.filtered()).toBe(true);
  });

  it('shows only the answer to the latest request when filters change faster than answers arrive', () => {
    answer(['9'], null);
    store.filter({ actor: 'a' });
    store.filter({ actor: 'b' });
    expect(requests.map((request) => request.filters.actor)).toEqual(['a', 'b']);
    // The first request was dropped when the second was made: its answer has no one to reach.
    expect(requests[0].answer.observed).toBe(false);
    requests.shift();
    answer(['b1'], null);
    expect(shown()).toEqual(['b1']);
  });

  it('refreshes the page it is on with the same cursor, keeping the rows shown meanwhile', () => {
    answer(['9', '8'], '8');
    store.older();
    answer(['7'], null);
    store.refresh();
    expect(requests[0].cursor).toBe('8');
    expect(shown()).toEqual(['7']);
    expect(store.refreshing()).toBe(true);
  });
});
