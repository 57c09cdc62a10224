import { TestBed } from '@angular/core/testing';
import { DraftAsset, DraftAssetFilters, Page } from '@caseyos/contracts';
import { Observable, Subject } from 'rxjs';
import { ToastService } from '../../core/toast/toast.service';
import { AssetsApiService } from './assets-api.service';
import { ASSETS_PAGE_SIZE, AssetsListStore } from './assets-list.store';

interface ListCall {
  filters: DraftAssetFilters;
  cursor: string | null;
  answer: Subject<Page<DraftAsset>>;
}

const asset = (id: string, published_at: string | null = null): DraftAsset => ({
  id,
  item_id: `item-${id}`,
  execution_id: `execution-${id}`,
  action_type: 'social_post',
  channel: 'linkedin',
  title: `Post ${id}`,
  body: 'Text',
  max_length: 3000,
  variants: [],
  published_at,
  published_url: null,
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
});

describe('AssetsListStore', () => {
  let lists: ListCall[];
  let publishes: { id: string; answer: Subject<DraftAsset> }[];
  let store: AssetsListStore;

  const answerList = (ids: string[], next: string | null) => {
    const call = lists.shift();
    if (!call) throw new Error('no list request is waiting');
    call.answer.next({ items: ids.map((id) => asset(id)), next_cursor: next });
    call.answer.complete();
  };
  const shown = () => store.items().map((item) => item.id);

  beforeEach(() => {
    lists = [];
    publishes = [];
    TestBed.configureTestingModule({
      providers: [
        AssetsListStore,
        { provide: ToastService, useValue: { success: jest.fn(), error: jest.fn() } },
        {
          provide: AssetsApiService,
          useValue: {
            list: (filters: DraftAssetFilters, cursor: string | null, limit: number) => {
              expect(limit).toBe(ASSETS_PAGE_SIZE);
              return new Observable<Page<DraftAsset>>((subscriber) => {
                const call = { filters, cursor, answer: new Subject<Page<DraftAsset>>() };
                lists.push(call);
                return call.answer.subscribe(subscriber);
              });
            },
            publish: (id: string) =>
              new Observable<DraftAsset>((subscriber) => {
                const call = { id, answer: new Subject<DraftAsset>() };
                publishes.push(call);
                return call.answer.subscribe(subscriber);
              }),
          },
        },
      ],
    });
    store = TestBed.inject(AssetsListStore);
  });

  it('lists under the filters and appends older pages from the cursor', () => {
    expect(lists.map(({ filters, cursor }) => ({ filters, cursor }))).toEqual([{ filters: {}, cursor: null }]);
    answerList(['a', 'b'], 'c1');
    expect(shown()).toEqual(['a', 'b']);
    expect(store.hasMore()).toBe(true);

    store.more();
    expect(lists.map(({ cursor }) => cursor)).toEqual(['c1']);
    answerList(['c'], null);
    expect(shown()).toEqual(['a', 'b', 'c']);
    expect(store.hasMore()).toBe(false);

    store.filter({ channel: 'x', status: 'draft' });
    expect(store.state().status).toBe('loading');
    expect(lists.map(({ filters, cursor }) => ({ filters, cursor }))).toEqual([{ filters: { channel: 'x', status: 'draft' }, cursor: null }]);
    answerList(['d'], null);
    expect(shown()).toEqual(['d']);
  });

  it('drops an older page still loading when the filter changes, whichever answer comes first', () => {
    answerList(['a', 'b'], 'c1');
    store.more();
    const older = lists.shift();
    if (!older) throw new Error('no older page was requested');
    expect(store.loadingMore()).toBe(true);

    store.filter({ status: 'draft' });
    expect(store.loadingMore()).toBe(false);
    answerList(['d'], null);
    older.answer.next({ items: [asset('c')], next_cursor: 'c2' });
    expect(shown()).toEqual(['d']);
    expect(store.hasMore()).toBe(false);

    store.reload();
    answerList(['d', 'e'], 'c3');
    store.more();
    const olderAfterReload = lists.shift();
    if (!olderAfterReload) throw new Error('no older page was requested');
    store.filter({ status: 'published' });
    olderAfterReload.answer.next({ items: [asset('f')], next_cursor: 'c4' });
    answerList(['g'], null);
    expect(shown()).toEqual(['g']);
    expect(store.hasMore()).toBe(false);
  });

  it('marks published once per press, in place; under the Drafts filter the asset leaves the list', () => {
    answerList(['a', 'b'], null);
    const [first] = store.items();
    store.publish(first);
    store.publish(first);
    expect(publishes.map((p) => p.id)).toEqual(['a']);
    publishes[0].answer.next(asset('a', '2026-12-01T10:00:00Z'));
    expect(store.items()[0].published_at).toBe('2026-12-01T10:00:00Z');
    expect(store.publishing().size).toBe(0);

    store.filter({ status: 'draft' });
    answerList(['b', 'c'], null);
    store.publish(store.items()[0]);
    publishes[1].answer.next(asset('b', '2026-12-01T10:05:00Z'));
    expect(shown()).toEqual(['c']);
  });
});
