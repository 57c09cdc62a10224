import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DryRunResponse, ExecutionView, HEADERS } from '@caseyos/contracts';
import { ExecuteOptions, ExecutionApiService } from '../../../core/execution/execution-api.service';
import { describeHttpError, requestIdOf } from '../../../core/http/http-error';
import { ToastService } from '../../../core/toast/toast.service';
import { ErrorStateComponent } from '../../../shared/ui/error-state.component';
import { LoadingSkeletonComponent } from '../../../shared/ui/loading-skeleton.component';
import { ModalDialog } from '../../../shared/ui/modal-dialog';
import { ACTION_LABELS } from '../moves/move-format';
import { ExternalLinksComponent } from './external-links.component';
import {
  EXECUTION_STATUS_LABELS,
  ExecuteFailure,
  ExecuteTarget,
  GUARDRAIL_LABELS,
  TARGET_LABELS,
  executeFailure,
  newIdempotencyKey,
  waitLabel,
} from './execution-format';

type Phase =
  | { kind: 'planning' }
  | { kind: 'plan-error'; message: string; requestId?: string }
  | { kind: 'ready' }
  | { kind: 'executing' }
  | { kind: 'failed'; failure: ExecuteFailure }
  | { kind: 'done'; execution: ExecutionView; replayed: boolean };

// Who and what first; every other header follows as sent.
const FIRST_HEADERS = ['from', 'to', 'cc', 'bcc', 'subject', 'in-reply-to', 'references'];

function byImportance(headers: [string, string][]): [string, string][] {
  const rank = ([name]: [string, string]) => {
    const at = FIRST_HEADERS.indexOf(name.toLowerCase());
    return at === -1 ? FIRST_HEADERS.length : at;
  };
  return [...headers].sort((a, b) => rank(a) - rank(b));
}

const WHEN = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });

/**
 * Executes one move with its dry run in view: the exact requests it will send and what each
 * guardrail says. One idempotency key per opening, made up front, so a double press or a retry
 * after a lost answer runs once; only a recorded failure gets a new key for its retry.
 */
@Component({
  selector: 'cos-execute-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSkeletonComponent, ErrorStateComponent, ExternalLinksComponent],
  templateUrl: './execute-dialog.component.html',
  styleUrls: ['../moves/dialog.css', './execute-dialog.component.css'],
})
export class ExecuteDialogComponent {
  private readonly api = inject(ExecutionApiService);
  private readonly toast = inject(ToastService);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly target = signal<ExecuteTarget | null>(null);
  protected readonly dryRun = signal<DryRunResponse | null>(null);
  protected readonly phase = signal<Phase>({ kind: 'planning' });
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly statusLabels = EXECUTION_STATUS_LABELS;
  protected readonly guardrailLabels = GUARDRAIL_LABELS;
  protected readonly waitLabel = waitLabel;
  protected readonly requests = computed(() =>
    (this.dryRun()?.plan.requests ?? []).map((request) => ({
      request,
      target: TARGET_LABELS[request.target],
      headers: request.email ? byImportance(Object.entries(request.email.headers)) : null,
      json: request.email ? null : JSON.stringify(request.body, null, 2),
    })),
  );

  private key = '';
  /** Bumped by every opening, so an answer meant for an earlier one is not shown in this one. */
  private session = 0;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);
  private readonly primary = viewChild<ElementRef<HTMLButtonElement>>('primary');

  // Opened imperatively and kept in the page, like the dismiss dialog.
  open(target: ExecuteTarget): void {
    this.session += 1;
    this.key = newIdempotencyKey();
    this.target.set(target);
    this.dryRun.set(null);
    this.modal.open();
    this.plan();
  }

  /** The dry run, with the same key the execute will use. */
  protected plan(): void {
    const target = this.target();
    if (!target) {
      return;
    }
    const session = this.session;
    this.phase.set({ kind: 'planning' });
    this.api
      .dryRun(target.id, this.key)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          if (this.current(session)) {
            this.dryRun.set(response);
            this.show({ kind: 'ready' });
          }
        },
        error: (err: unknown) => {
          if (this.current(session)) {
            this.phase.set({ kind: 'plan-error', message: describeHttpError(err), requestId: requestIdOf(err) });
          }
        },
      });
  }

  /** Execute, Retry or Done, whichever the dialog is at; Enter does the same. */
  protected primaryAction(options: ExecuteOptions = {}): void {
    const phase = this.phase();
    if (phase.kind === 'done') {
      this.close();
    } else if (phase.kind === 'ready') {
      this.execute(options);
    } else if (phase.kind === 'failed') {
      if (phase.failure.needsNewKey) {
        this.key = newIdempotencyKey();
      }
      this.execute(options);
    }
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    // Buttons and links act on Enter themselves.
    if (event.target instanceof Element && event.target.closest('button, a, summary')) {
      return;
    }
    event.preventDefault();
    this.primaryAction();
  }

  protected close(): void {
    this.modal.close();
  }

  protected when(iso: string | null): string {
    return iso ? WHEN.format(new Date(iso)) : 'the next window';
  }

  private execute(options: ExecuteOptions): void {
    const target = this.target();
    if (!target) {
      return;
    }
    const session = this.session;
    this.phase.set({ kind: 'executing' });
    this.api
      .execute(target.id, this.key, options)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          const execution = response.body;
          if (execution) {
            const replayed = response.headers.get(HEADERS.idempotentReplayed) === 'true';
            this.settle(session, target, { kind: 'done', execution, replayed });
          }
        },
        error: (err: unknown) => this.settle(session, target, { kind: 'failed', failure: executeFailure(err) }),
      });
  }

  /** Shows the answer, or, when the dialog was closed meanwhile, says how it went in a toast. */
  private settle(session: number, target: ExecuteTarget, phase: Phase & { kind: 'done' | 'failed' }): void {
    if (this.current(session)) {
      this.show(phase);
    } else if (phase.kind === 'done') {
      this.toast.success(`Executed “${target.title}”: ${this.statusLabels[phase.execution.status].toLowerCase()}.`);
    } else {
      this.toast.error(`“${target.title}” was not executed: ${phase.failure.detail}`);
    }
  }

  private current(session: number): boolean {
    return session === this.session && this.modal.isOpen;
  }

  /** The next step's button takes focus, so Enter goes on. */
  private show(phase: Phase): void {
    this.phase.set(phase);
    afterNextRender(() => this.primary()?.nativeElement.focus(), { injector: this.injector });
  }
}
