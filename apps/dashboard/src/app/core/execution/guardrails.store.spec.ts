import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { EmergencyStopState, ExecutionView, GuardrailsResponse } from '@caseyos/contracts';
import { Observable, Subject } from 'rxjs';
import { LiveEventHandlers } from '../events/live-events.service';
import { liveEventsFollowedBy } from '../events/live-events.testing';
import { ToastService } from '../toast/toast.service';
import { ExecutionApiService } from './execution-api.service';
import { GuardrailsStore } from './guardrails.store';

const RELEASED: EmergencyStopState = { active: false, reason: null, changed_by: null, changed_at: '2026-01-01T09:00:00.000Z' };
const STOPPED: EmergencyStopState = { active: true, reason: 'Bad template', changed_by: 'operator:token', changed_at: '2026-01-01T10:00:00.000Z' };

function guardrails(stop: EmergencyStopState): GuardrailsResponse {
  return { emergency_stop: stop, breakers: [], limits: [], contact_cap: { per_week: 3 }, timeout_seconds: 30 };
}

function waiting<T>(queue: Subject<T>[]): Observable<T> {
  return new Observable<T>((subscriber) => {
    const answer = new Subject<T>();
    queue.push(answer);
    return answer.subscribe(subscriber);
  });
}

describe('GuardrailsStore', () => {
  let loads: Subject<GuardrailsResponse>[];
  let stops: Subject<EmergencyStopState>[];
  let live: LiveEventHandlers;
  let store: GuardrailsStore;

  beforeEach(() => {
    loads = [];
    stops = [];
    TestBed.configureTestingModule({
      providers: [
        GuardrailsStore,
        { provide: ExecutionApiService, useValue: { guardrails: () => waiting(loads), setEmergencyStop: () => waiting(stops) } },
        liveEventsFollowedBy((handlers) => (live = handlers)),
      ],
    });
    store = TestBed.inject(GuardrailsStore);
    loads[0].next(guardrails(RELEASED));
  });

  it('takes an emergency stop from the stream at once', () => {
    live.emergencyStopChanged?.(STOPPED);
    expect(store.emergencyStop()).toEqual(STOPPED);
  });

  it('does not let a poll answer sent before the stop undo it', () => {
    store.reload();
    live.emergencyStopChanged?.(STOPPED);
    loads[1].next(guardrails(RELEASED));
    expect(store.emergencyStop()?.active).toBe(true);

    const releasedLater = { ...RELEASED, changed_at: '2026-01-01T11:00:00.000Z' };
    store.reload();
    loads[2].next(guardrails(releasedLater));
    expect(store.emergencyStop()).toEqual(releasedLater);
  });

  it('reloads the limits once after a burst of executions', () => {
    for (let i = 0; i < 5; i += 1) live.executionChanged?.({ id: `run-${i}` } as ExecutionView);
    jest.advanceTimersByTime(1_000);
    expect(loads).toHaveLength(2);
  });

  it('stops executions, ignores a second press while the first is on its way, and says so', () => {
    const toasts = TestBed.inject(ToastService);
    store.setEmergencyStop(true, 'Bad template');
    store.setEmergencyStop(true, 'Bad template');
    expect(stops).toHaveLength(1);
    expect(store.changingStop()).toBe(true);

    stops[0].next(STOPPED);
    expect(store.changingStop()).toBe(false);
    expect(store.emergencyStop()).toEqual(STOPPED);
    expect(toasts.toasts().at(-1)).toMatchObject({ kind: 'success', message: expect.stringContaining('Emergency stop on') });
  });

  it('leaves the state as it was when the API refuses the change', () => {
    const toasts = TestBed.inject(ToastService);
    store.setEmergencyStop(true, 'Bad template');
    stops[0].error(new HttpErrorResponse({ status: 500 }));
    expect(store.changingStop()).toBe(false);
    expect(store.emergencyStop()).toEqual(RELEASED);
    expect(toasts.toasts().at(-1)).toMatchObject({ kind: 'error', message: expect.stringContaining('Could not stop executions') });
  });
});
