import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DeadLetterView, DeadLettersResponse, DetectionUnit } from '@caseyos/contracts';
import { describeHttpError } from '../../core/http/http-error';
import { ToastService } from '../../core/toast/toast.service';
import { RefreshedResource } from '../data/refreshed-resource';
import { relativeTime } from '../time/relative-time';
import { LoadStateComponent } from '../ui/load-state.component';
import { DeadLettersApiService } from './dead-letters-api.service';

const LIMIT = 20;
// Detections give up after their retries over minutes; a slow poll is enough to notice.
const POLL_MS = 60_000;

const UNIT_LABELS: Record<DetectionUnit, string> = {
  signal: 'Reading a signal',
  task: 'Checking a task',
  meeting: 'Checking a meeting',
};

/** Outcome detections that failed every try, with their error and a Retry. */
@Component({
  selector: 'cos-dead-letters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent],
  template: `
    <section class="dead-letters" aria-labelledby="dead-letters-title" data-testid="dead-letters" [attr.data-state]="state().status">
      <h3 id="dead-letters-title">
        Failed outcome detections
        @if (letters()?.total; as total) {
          <span class="count" data-testid="dead-letters-total">{{ total }}</span>
        }
      </h3>
      @let current = state();
      @if (current.status !== 'ready') {
        <cos-load-state [state]="current" what="failed outcome detections" [lines]="2" (retry)="retryListing()" />
      } @else if (letters(); as answer) {
        @if (answer.items.length === 0) {
          <p class="quiet" data-testid="dead-letters-empty">None: every detection got through.</p>
        } @else {
          <ul class="letters">
            @for (letter of answer.items; track letter.id) {
              <li class="letter" data-testid="dead-letter" [attr.data-id]="letter.id">
                <div class="letter__body">
                  <p class="letter__what">
                    {{ unitLabels[letter.unit] }} <code [title]="letter.subject_id">{{ letter.subject_id.slice(0, 8) }}</code>
                  </p>
                  <p class="letter__error" data-testid="dead-letter-error">{{ letter.error }}</p>
                  <p class="quiet">
                    {{ letter.attempts }} {{ letter.attempts === 1 ? 'try' : 'tries' }}
                    @if (letter.failed_at) {
                      · gave up {{ relativeTime(letter.failed_at) }}
                    }
                  </p>
                </div>
                <button
                  type="button"
                  class="button button--quiet"
                  data-testid="dead-letter-retry"
                  [attr.aria-label]="'Retry: ' + unitLabels[letter.unit].toLowerCase() + ' ' + letter.subject_id"
                  [disabled]="retrying().has(letter.id)"
                  (click)="retry(letter)"
                >
                  {{ retrying().has(letter.id) ? 'Retrying…' : 'Retry' }}
                </button>
              </li>
            }
          </ul>
          @if (answer.total > answer.items.length) {
            <p class="quiet">{{ answer.total - answer.items.length }} more not listed.</p>
          }
        }
      }
    </section>
  `,
  styles: `
    .dead-letters {
      padding-top: 0.75rem;
      border-top: 1px solid var(--border);
    }
    h3 {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0 0 0.25rem;
      font-size: 0.875rem;
    }
    .count {
      padding: 0 0.4375rem;
      border-radius: 999px;
      background: color-mix(in srgb, var(--danger) 14%, transparent);
      color: var(--danger);
      font-size: 0.75rem;
    }
    .letters {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .letter {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
      padding: 0.625rem 0;
      border-top: 1px solid var(--border);
    }
    .letter:first-child {
      border-top: 0;
    }
    .letter__body {
      flex: 1;
      min-width: 0;
    }
    p {
      margin: 0;
    }
    .letter__what {
      font-size: 0.875rem;
    }
    .letter__error {
      color: var(--danger);
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
    .quiet {
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
  `,
})
export class DeadLettersComponent {
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly api = inject(DeadLettersApiService);

  protected readonly unitLabels = UNIT_LABELS;
  protected readonly relativeTime = relativeTime;
  protected readonly letters = signal<DeadLettersResponse | null>(null);
  protected readonly retrying = signal<ReadonlySet<string>>(new Set());
  private readonly resource = new RefreshedResource<DeadLettersResponse>({
    load: () => this.api.list(LIMIT),
    loaded: (answer) => this.letters.set(answer),
    what: 'failed outcome detections',
    pollMs: POLL_MS,
  });
  protected readonly state = this.resource.state;

  constructor() {
    this.resource.reload('initial');
  }

  reload(): void {
    this.resource.reload('manual');
  }

  protected retryListing(): void {
    this.resource.startOver();
  }

  protected retry(letter: DeadLetterView): void {
    if (this.retrying().has(letter.id)) {
      return;
    }
    this.retrying.update((ids) => new Set(ids).add(letter.id));
    this.api
      .retry(letter.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.settle(letter.id, true);
          this.toast.success(`${UNIT_LABELS[letter.unit]} is queued again.`);
        },
        error: (err: unknown) => {
          // Someone retried it first: it is on its way either way.
          const gone = err instanceof HttpErrorResponse && err.status === 404;
          this.settle(letter.id, gone);
          if (gone) {
            this.toast.info(`${UNIT_LABELS[letter.unit]} was already retried.`);
          } else {
            this.toast.error(`Could not retry: ${describeHttpError(err)}`);
          }
        },
      });
  }

  /** Ends a retry; a letter that is queued again leaves the list at once. */
  private settle(id: string, gone: boolean): void {
    this.retrying.update((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
    if (gone) {
      this.letters.update((answer) => answer && { items: answer.items.filter((item) => item.id !== id), total: Math.max(0, answer.total - 1) });
    }
  }
}
