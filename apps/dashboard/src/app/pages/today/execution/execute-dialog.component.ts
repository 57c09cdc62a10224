import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { DraftEdit, DraftProvenance, DryRunResponse, HEADERS, ProblemDetails } from '@caseyos/contracts';
import { EMPTY, Subject, catchError, map, of, switchMap, timer } from 'rxjs';
import { ExecuteOptions, ExecutionApiService } from '../../../core/execution/execution-api.service';
import { describeHttpError, requestIdOf } from '../../../core/http/http-error';
import { ToastService } from '../../../core/toast/toast.service';
import { ErrorStateComponent } from '../../../shared/ui/error-state.component';
import { LoadingSkeletonComponent } from '../../../shared/ui/loading-skeleton.component';
import { ModalDialog } from '../../../shared/ui/modal-dialog';
import { DraftEditorComponent } from './draft-editor.component';
import { EditKeys, EditableDraft, editOf, editProblems, editableDraftOf, repurposeSourceOf, shownEditOf } from './draft-edit';
import { ACTION_LABELS } from '../moves/move-format';
import { ExternalLinksComponent } from './external-links.component';
import { Phase, draftLocked, primaryStep } from './execute-dialog.state';
import { EXECUTION_STATUS_LABELS, ExecuteTarget, GUARDRAIL_LABELS, TARGET_LABELS, executeFailure, waitLabel } from './execution-format';

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

/** How long typing pauses before the plan is made again from the edit. */
const REPLAN_DEBOUNCE_MS = 400;

/** The API's reasons for refusing an edited draft: the checks' problems, or the invalid fields' messages. */
function refusalOf(err: unknown): string[] {
  if (err instanceof HttpErrorResponse && typeof err.error === 'object' && err.error !== null) {
    const problem = err.error as Partial<ProblemDetails> & { draft_problems?: unknown };
    if (Array.isArray(problem.draft_problems)) return problem.draft_problems.filter((p): p is string => typeof p === 'string');
    const messages = problem.errors?.flatMap((e) => e.messages) ?? [];
    if (messages.length > 0) return messages;
  }
  return [describeHttpError(err)];
}

/**
 * Executes one move with its dry run in view: the draft (editable; the plan is made again from
 * the edit as the person types), the exact requests it will send and what each guardrail says.
 * One idempotency key per edit, made up front, so a double press or a retry after a lost answer
 * runs once; a recorded failure, or another edit, gets a new key. Execute waits for the dry run of
 * the draft shown, and the draft stays as sent while its execute is out or its outcome unknown.
 */
@Component({
  selector: 'cos-execute-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSkeletonComponent, ErrorStateComponent, ExternalLinksComponent, DraftEditorComponent],
  templateUrl: './execute-dialog.component.html',
  styleUrls: ['../../../shared/ui/dialog.css', './execute-dialog.component.css'],
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

  /** The draft as written (the first plan) and as the person has it now; null when the plan has none to edit. */
  private readonly original = signal<EditableDraft | null>(null);
  protected readonly draft = signal<EditableDraft | null>(null);
  /** The dry run that first showed the draft: who wrote it (its provenance) and its execution id. */
  private readonly shownBy = signal<{ provenance: DraftProvenance | null; dryRunId: string } | null>(null);
  /** The person's edit, which the dry runs plan with: null while nothing was changed. */
  private readonly edit = computed(() => {
    const original = this.original();
    const draft = this.draft();
    return original && draft ? editOf(original, draft) : null;
  });
  /** What goes with the execute, and with every dry run after the first: the edit, else a model's draft as shown (so a new wording never replaces it). */
  private readonly executedEdit = computed(() => {
    const original = this.original();
    const shownBy = this.shownBy();
    return this.edit() ?? (original && shownBy ? shownEditOf(original, shownBy.provenance, shownBy.dryRunId) : null);
  });
  /** Set when the API refused the latest edit's dry run. */
  private readonly refusal = signal<string[]>([]);
  protected readonly problems = computed(() => {
    const draft = this.draft();
    return [...(draft && this.edit() ? editProblems(draft) : []), ...this.refusal()];
  });
  /** From an edit until its dry run lands: typing pauses, then the dry run is on its way. */
  protected readonly replanning = signal(false);
  /** What the primary button and Enter do now. */
  protected readonly step = computed(() => primaryStep(this.phase(), { replanning: this.replanning(), problems: this.problems() }));
  protected readonly locked = computed(() => draftLocked(this.phase()));
  protected readonly source = computed(() => {
    const target = this.target();
    if (target?.action_type !== 'content_repurpose') {
      return null;
    }
    // Without a signal label, the move's own title says what is being repurposed.
    const source = repurposeSourceOf(target.action_params ?? {});
    return { ...source, label: source.label ?? target.title };
  });
  /** Each edit to plan again; null cancels the one pending or on its way. */
  private readonly replans = new Subject<{ session: number; itemId: string; edit: DraftEdit | null } | null>();

  private keys = new EditKeys();
  /** Bumped by every opening, so an answer meant for an earlier one is not shown in this one. */
  private session = 0;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);
  private readonly primary = viewChild<ElementRef<HTMLButtonElement>>('primary');

  constructor() {
    // The newest edit wins: it cancels an older one's wait and its dry run still on its way, so
    // only the dry run of the draft shown ever lands.
    this.replans
      .pipe(
        switchMap((replan) =>
          replan === null
            ? EMPTY
            : timer(REPLAN_DEBOUNCE_MS).pipe(
                switchMap(() => this.api.dryRun(replan.itemId, this.keys.peek(replan.edit), replan.edit)),
                map((response) => ({ session: replan.session, response, refusal: [] as string[] })),
                catchError((err: unknown) => of({ session: replan.session, response: null, refusal: refusalOf(err) })),
              ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ session, response, refusal }) => {
        if (!this.current(session)) {
          return;
        }
        this.replanning.set(false);
        this.refusal.set(refusal);
        if (response) {
          this.dryRun.set(response);
        }
      });
  }

  // Opened imperatively and kept in the page, like the dismiss dialog.
  open(target: ExecuteTarget): void {
    this.session += 1;
    this.replans.next(null);
    this.keys = new EditKeys();
    this.target.set(target);
    this.dryRun.set(null);
    this.original.set(null);
    this.shownBy.set(null);
    this.draft.set(null);
    this.refusal.set([]);
    this.replanning.set(false);
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
    // After a revert the preview is the draft first shown, as the execute will send it, not a new wording.
    const edit = this.executedEdit();
    this.api
      .dryRun(target.id, this.keys.peek(edit), edit)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          if (this.current(session)) {
            this.dryRun.set(response);
            if (!this.original()) {
              const written = editableDraftOf(target.action_type, response.plan);
              this.original.set(written);
              this.shownBy.set({ provenance: response.plan.draft ?? null, dryRunId: response.execution.id });
              this.draft.set(written);
            }
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

  /** The person changed the draft: the plan is made again from it once typing pauses. */
  protected edited(draft: EditableDraft): void {
    const target = this.target();
    if (!target || this.locked()) {
      return;
    }
    this.draft.set(draft);
    this.refusal.set([]);
    this.replanning.set(true);
    this.replans.next({ session: this.session, itemId: target.id, edit: this.executedEdit() });
  }

  /** Execute, Retry or Done, whichever the dialog is at; Enter does the same (and waits as the button does). */
  protected primaryAction(options: ExecuteOptions = {}): void {
    const step = this.step();
    if (step === 'close') {
      this.close();
    } else if (step === 'execute') {
      this.execute(options);
    }
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    // Buttons and links act on Enter themselves; in a text area it starts a new line.
    if (event.target instanceof Element && event.target.closest('button, a, summary, textarea')) {
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
    // An edit that cannot go, or whose plan is not in yet, stays in the dialog.
    if (!target || this.step() !== 'execute') {
      return;
    }
    const edit = this.executedEdit();
    const keys = this.keys;
    const session = this.session;
    this.replans.next(null);
    this.phase.set({ kind: 'executing' });
    this.api
      .execute(target.id, keys.use(edit), { ...options, draft: edit })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          const execution = response.body;
          if (execution) {
            const replayed = response.headers.get(HEADERS.idempotentReplayed) === 'true';
            this.settle(session, target, { kind: 'done', execution, replayed });
          }
        },
        error: (err: unknown) => {
          const failure = executeFailure(err);
          if (failure.needsNewKey) {
            keys.forget(edit);
          }
          this.settle(session, target, { kind: 'failed', failure });
        },
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
