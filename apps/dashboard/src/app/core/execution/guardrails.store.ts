import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EmergencyStopState, GuardrailsResponse } from '@caseyos/contracts';
import { Subject, debounceTime } from 'rxjs';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { LiveEventsService } from '../events/live-events.service';
import { describeHttpError } from '../http/http-error';
import { ToastService } from '../toast/toast.service';
import { ExecutionApiService } from './execution-api.service';

// The stream carries emergency stop changes; breakers and limits move with executions, which it
// announces too, so the poll only catches what the stream missed.
const POLL_MS = 30_000;
// A burst of executions costs one reload of the limits.
const EXECUTION_RELOAD_DEBOUNCE_MS = 1_000;

/** Of two emergency stop states, the one changed last: a poll answer sent before a change must not undo it. */
function newer(current: EmergencyStopState | undefined, incoming: EmergencyStopState): EmergencyStopState {
  const at = (state: EmergencyStopState) => (state.changed_at ? Date.parse(state.changed_at) : 0);
  return current && at(current) > at(incoming) ? current : incoming;
}

/**
 * The execution guardrails: emergency stop, circuit breakers, hourly limits. Provided by the shell,
 * which shows the emergency stop banner on every page; the Today page's panels share it.
 */
@Injectable()
export class GuardrailsStore {
  private readonly api = inject(ExecutionApiService);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  readonly guardrails = signal<GuardrailsResponse | null>(null);
  readonly emergencyStop = computed(() => this.guardrails()?.emergency_stop ?? null);
  /** An emergency stop change the API has not answered yet. */
  readonly changingStop = signal(false);

  private readonly resource = new RefreshedResource<GuardrailsResponse>({
    load: () => this.api.guardrails(),
    loaded: (response) => this.guardrails.update((current) => ({ ...response, emergency_stop: newer(current?.emergency_stop, response.emergency_stop) })),
    what: 'guardrails',
    pollMs: POLL_MS,
  });
  readonly state = this.resource.state;
  readonly refreshing = this.resource.refreshing;
  readonly refreshError = this.resource.refreshError;
  private readonly executionChanges = new Subject<void>();

  constructor() {
    inject(LiveEventsService).follow({
      emergencyStopChanged: (state) => this.applyStop(state),
      executionChanged: () => this.executionChanges.next(),
      resumed: () => this.resource.reload(),
    });
    this.executionChanges.pipe(debounceTime(EXECUTION_RELOAD_DEBOUNCE_MS), takeUntilDestroyed()).subscribe(() => this.resource.reload());
    this.resource.reload('initial');
  }

  reload(): void {
    this.resource.reload('manual');
  }

  retry(): void {
    this.resource.startOver();
  }

  /** Stops every execution (with a reason) or lets them run again. */
  setEmergencyStop(active: boolean, reason?: string): void {
    if (this.changingStop()) {
      return;
    }
    this.changingStop.set(true);
    this.api
      .setEmergencyStop(active ? { active, reason } : { active })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (state) => {
          this.changingStop.set(false);
          this.applyStop(state);
          this.toast.success(active ? 'Emergency stop on: nothing is executed until it is released.' : 'Emergency stop released: executions may run again.');
        },
        error: (err: unknown) => {
          this.changingStop.set(false);
          this.toast.error(`Could not ${active ? 'stop executions' : 'release the emergency stop'}: ${describeHttpError(err)}`);
        },
      });
  }

  private applyStop(state: EmergencyStopState): void {
    const current = this.guardrails();
    if (current) {
      this.guardrails.set({ ...current, emergency_stop: newer(current.emergency_stop, state) });
    } else {
      this.resource.reload(); // nothing to put it in yet: the first answer carries it
    }
  }
}
