import { DOCUMENT, Signal, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { EMPTY, Observable, Subject, catchError, filter, fromEvent, interval, map, merge, of, switchMap } from 'rxjs';
import { describeHttpError, requestIdOf } from '../../core/http/http-error';
import { ToastService } from '../../core/toast/toast.service';

/** Why a reload happens decides how loud its failure is: only a user's own refresh gets a toast. */
export type ReloadReason = 'initial' | 'manual' | 'background';

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string; requestId?: string };

export interface RefreshedResourceOptions<T> {
  load: () => Observable<T>;
  /** Takes a successful answer into state of the caller's own, for callers that change it afterwards (a live update, an undo). */
  loaded?: (value: T) => void;
  /** After every answer, good or bad (e.g. to move a "now" used for relative times). */
  settled?: () => void;
  /** For the toast and the load state: "Could not refresh <what>: …". */
  what: string;
  /**
   * Reload this often while the tab is visible; a tab that becomes visible again reloads at once.
   * Without it the data is loaded only when asked (a dialog's, a page's by id).
   */
  pollMs?: number;
}

/**
 * The one way the dashboard loads what it shows. Reloads of any reason go through one
 * `switchMap`, so the newest wins. Until something was shown, a failure is the error state;
 * after that the last answer stays on screen with `refreshError` set. Create in an injection
 * context; `reload('initial')` or `startOver()` makes the first request.
 */
export class RefreshedResource<T> {
  readonly state = signal<LoadState>({ status: 'loading' });
  readonly refreshing = signal(false);
  /** Set when a later refresh failed: what is shown may be out of date. */
  readonly refreshError = signal<string | null>(null);
  private readonly latest = signal<T | null>(null);
  /** The last answer; null until there is one, and again after `startOver()`. */
  readonly value: Signal<T | null> = this.latest.asReadonly();
  private readonly reloads = new Subject<ReloadReason>();

  constructor(private readonly options: RefreshedResourceOptions<T>) {
    const toast = inject(ToastService);
    const document = inject(DOCUMENT);
    const visible = () => document.visibilityState === 'visible';
    const { pollMs } = options;
    merge(
      this.reloads,
      // A hidden tab does not poll; it catches up as soon as it is looked at again.
      pollMs === undefined
        ? EMPTY
        : merge(interval(pollMs), fromEvent(document, 'visibilitychange')).pipe(
            filter(visible),
            map((): ReloadReason => 'background'),
          ),
    )
      .pipe(
        switchMap((reason) => {
          this.refreshing.set(true);
          return options.load().pipe(
            map((value) => ({ ok: true as const, value, reason })),
            catchError((error: unknown) => of({ ok: false as const, error, reason })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.refreshing.set(false);
        options.settled?.();
        if (result.ok) {
          this.latest.set(result.value);
          options.loaded?.(result.value);
          this.state.set({ status: 'ready' });
          this.refreshError.set(null);
          return;
        }
        const message = describeHttpError(result.error);
        if (this.state().status !== 'ready') {
          this.state.set({ status: 'error', message, requestId: requestIdOf(result.error) });
          return;
        }
        this.refreshError.set(message);
        if (result.reason === 'manual') toast.error(`Could not refresh ${options.what}: ${message}`);
      });
  }

  reload(reason: ReloadReason = 'background'): void {
    this.reloads.next(reason);
  }

  /** Shows the loading state and loads afresh: after an error, or when different data is wanted. */
  startOver(): void {
    this.latest.set(null);
    this.refreshError.set(null);
    this.state.set({ status: 'loading' });
    this.reloads.next('initial');
  }
}
