import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Domain, ExecutionView, OutcomeStatsResponse, OutcomeStatsRow, OutcomeView } from '@caseyos/contracts';
import { Observable, Subject } from 'rxjs';
import { DomainFilterService } from '../../../core/domain/domain-filter.service';
import { LiveEventHandlers } from '../../../core/events/live-events.service';
import { liveEventsFollowedBy } from '../../../core/events/live-events.testing';
import { ReportQuery, OutcomesApiService } from './outcomes-api.service';
import { OutcomeStatsStore } from './outcome-stats.store';

function stats(domain: Domain | null, rows: Partial<OutcomeStatsRow>[]): OutcomeStatsResponse {
  return { from: '', to: '', domain, rows: rows as OutcomeStatsRow[], totals: {} as OutcomeStatsResponse['totals'] };
}

describe('OutcomeStatsStore', () => {
  let requests: { query: ReportQuery; answer: Subject<OutcomeStatsResponse> }[];
  let live: LiveEventHandlers;
  let domain: ReturnType<typeof signal<Domain | null>>;
  let store: OutcomeStatsStore;

  const answerAll = () => {
    for (const { query, answer } of requests.splice(0)) {
      answer.next(stats(query.domain, [{ action_type: 'send_email', executions: query.domain ? 1 : 5 }]));
      answer.complete();
    }
  };
  const execution = (overrides: Partial<ExecutionView>) => ({ id: 'run', dry_run: false, status: 'succeeded', ...overrides }) as ExecutionView;

  beforeEach(() => {
    requests = [];
    domain = signal<Domain | null>(null);
    TestBed.configureTestingModule({
      providers: [
        OutcomeStatsStore,
        {
          provide: OutcomesApiService,
          useValue: {
            stats: (query: ReportQuery) =>
              new Observable<OutcomeStatsResponse>((subscriber) => {
                const answer = new Subject<OutcomeStatsResponse>();
                requests.push({ query, answer });
                return answer.subscribe(subscriber);
              }),
          },
        },
        { provide: DomainFilterService, useValue: { domain } },
        liveEventsFollowedBy((handlers) => (live = handlers)),
      ],
    });
    store = TestBed.inject(OutcomeStatsStore);
    TestBed.tick();
  });

  it('reads every action type for the badges, and the same answer for the figures when no domain is picked', () => {
    expect(store.byAction()).toBeNull();
    expect(requests.map((r) => r.query.domain)).toEqual([null]);
    answerAll();
    expect(store.byAction()?.get('send_email')?.executions).toBe(5);
    expect(store.scoped()).toBe(store.all());
  });

  it('reads the picked domain for the figures, and forgets the old answer while it loads', () => {
    answerAll();
    domain.set('cs');
    TestBed.tick();
    expect(store.byAction()).toBeNull();
    expect(requests.map((r) => r.query.domain)).toEqual([null, 'cs']);
    answerAll();
    expect(store.scoped()?.domain).toBe('cs');
    expect(store.all()?.domain).toBeNull();
  });

  it('reloads once after a burst of outcomes or executions that change the cohort, and not for a dry run', () => {
    answerAll();
    live.outcomeRecorded?.({ id: 'o1' } as OutcomeView);
    live.executionChanged?.(execution({ status: 'succeeded' }));
    live.executionChanged?.(execution({ status: 'rolled_back' }));
    jest.advanceTimersByTime(1_000);
    expect(requests).toHaveLength(1);
    answerAll();

    live.executionChanged?.(execution({ dry_run: true }));
    live.executionChanged?.(execution({ status: 'running' }));
    jest.advanceTimersByTime(1_000);
    expect(requests).toHaveLength(0);
  });
});
