import { EnvironmentInjector, createEnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CommandQueueMove } from '@caseyos/contracts';
import { LiveEventHandlers, LiveEventsService } from './live-events.service';

/** The browser's EventSource, driven by the test: open, deliver, drop. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static created: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    super();
    FakeEventSource.created.push(this);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  connect(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }

  deliver(type: string, data: string): void {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }

  /** A network drop the browser retries by itself, or an HTTP error that closes the source for good. */
  drop(how: 'retrying' | 'closed'): void {
    this.readyState = how === 'closed' ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.();
  }
}

const item = { id: 'move-1', version: 2 } as CommandQueueMove;

describe('LiveEventsService', () => {
  let service: LiveEventsService;
  const open = () => FakeEventSource.created.filter((source) => source.readyState !== FakeEventSource.CLOSED);

  /** A follower with a lifetime of its own (a widget), which the test can end. */
  function follower(handlers: LiveEventHandlers = {}): { leave: () => void } {
    const injector = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    runInInjectionContext(injector, () => service.follow(handlers));
    return { leave: () => injector.destroy() };
  }

  beforeEach(() => {
    FakeEventSource.created = [];
    Object.assign(globalThis, { EventSource: FakeEventSource });
    service = TestBed.inject(LiveEventsService);
  });

  it('opens one connection to /api/events for every follower of the tab, and hands each of them the events', () => {
    const seen: string[] = [];
    follower({ queueChanged: (event) => seen.push(`first:${event.type}`) });
    follower({ queueChanged: (event) => seen.push(`second:${event.type}`) });
    const state = TestBed.runInInjectionContext(() => service.follow({}));

    expect(FakeEventSource.created).toHaveLength(1);
    expect(FakeEventSource.created[0].url).toBe('/api/events');
    expect(state()).toBe('connecting');
    FakeEventSource.created[0].connect();
    expect(state()).toBe('live');

    FakeEventSource.created[0].deliver('queue.item.updated', JSON.stringify({ type: 'queue.item.updated', item }));
    expect(seen).toEqual(['first:queue.item.updated', 'second:queue.item.updated']);
  });

  it('hands on only the handlers a follower gave, and skips events whose data does not parse', () => {
    const executions: unknown[] = [];
    const moves: unknown[] = [];
    follower({ executionChanged: (execution) => executions.push(execution), queueChanged: (event) => moves.push(event) });
    const source = FakeEventSource.created[0];
    source.connect();
    source.deliver('queue.item.created', 'not json');
    source.deliver('queue.item.created', JSON.stringify({ type: 'queue.item.created', item: { title: 'no id' } }));
    source.deliver('execution.updated', JSON.stringify({ type: 'execution.updated', execution: { id: 'run-1' } }));
    expect(moves).toEqual([]);
    expect(executions).toEqual([{ id: 'run-1' }]);
  });

  it('tells every follower to catch up when the stream comes back after a drop, but not when it first opens', () => {
    const resumed: string[] = [];
    follower({ resumed: () => resumed.push('a') });
    follower({ resumed: () => resumed.push('b') });
    const state = TestBed.runInInjectionContext(() => service.follow({}));
    const source = FakeEventSource.created[0];
    source.connect();
    expect(resumed).toEqual([]);

    source.drop('retrying');
    expect(state()).toBe('offline');
    source.connect();
    expect(state()).toBe('live');
    expect(resumed).toEqual(['a', 'b']);
    expect(FakeEventSource.created).toHaveLength(1);
  });

  it('opens a new connection with a growing delay after an HTTP error closed the old one, and resumes', () => {
    const resumed: number[] = [];
    follower({ resumed: () => resumed.push(FakeEventSource.created.length) });
    FakeEventSource.created[0].connect();

    FakeEventSource.created[0].drop('closed');
    jest.advanceTimersByTime(1_999);
    expect(FakeEventSource.created).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakeEventSource.created).toHaveLength(2);

    FakeEventSource.created[1].drop('closed');
    jest.advanceTimersByTime(3_999);
    expect(FakeEventSource.created).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(FakeEventSource.created).toHaveLength(3);

    FakeEventSource.created[2].connect();
    expect(resumed).toEqual([3]);
    expect(open()).toHaveLength(1);
  });

  it('keeps the connection while anyone follows it, and closes it when the last follower leaves', () => {
    const page = follower();
    const shell = follower();
    page.leave();
    expect(open()).toHaveLength(1);
    shell.leave();
    expect(open()).toHaveLength(0);

    follower();
    expect(FakeEventSource.created).toHaveLength(2);
    expect(open()).toHaveLength(1);
  });
});
