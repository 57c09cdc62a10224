import { ChangeDetectionStrategy, Component, DestroyRef, ViewContainerRef, computed, inject, output, outputBinding, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ExecutionStatus, ExecutionView, Page } from '@caseyos/contracts';
import { LiveEventsService } from '../../../core/events/live-events.service';
import { ExecutionApiService } from '../../../core/execution/execution-api.service';
import { describeHttpError } from '../../../core/http/http-error';
import { ToastService } from '../../../core/toast/toast.service';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { relativeTime } from '../../../shared/time/relative-time';
import { CollapsibleWidgetDirective } from '../../../shared/ui/collapsible-widget';
import { LazyComponent } from '../../../shared/ui/lazy-component';
import { LiveBadgeComponent } from '../../../shared/ui/live-badge.component';
import { LoadStateComponent } from '../../../shared/ui/load-state.component';
import { WidgetHeaderComponent } from '../../../shared/ui/widget-header.component';
import { ACTION_LABELS } from '../moves/move-format';
import { EXECUTION_STATUS_LABELS, ExecuteTarget } from './execution-format';
import { ExternalLinksComponent } from './external-links.component';

const LIMIT = 10;
// The stream announces every change; the poll only catches what a dropped stream missed.
const POLL_MS = 30_000;
/** What an execution made still exists in these: the links lead somewhere. */
const HAS_OBJECTS: ReadonlySet<ExecutionStatus> = new Set(['succeeded', 'rollback_failed']);
const RETRYABLE: ReadonlySet<ExecutionStatus> = new Set(['failed', 'timed_out']);

function newestFirst(a: ExecutionView, b: ExecutionView): number {
  return Date.parse(b.created_at) - Date.parse(a.created_at) || b.id.localeCompare(a.id);
}

/** What was executed lately, what it made (with links), and the undo for what can be undone. */
@Component({
  selector: 'cos-execution-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LiveBadgeComponent, LoadStateComponent, ExternalLinksComponent, CollapsibleWidgetDirective, WidgetHeaderComponent],
  templateUrl: './execution-history.component.html',
  styleUrl: './execution-history.component.css',
})
export class ExecutionHistoryComponent {
  private readonly api = inject(ExecutionApiService);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  /** A failed execution can be retried from here too, in the page's execute dialog. */
  readonly retryMove = output<ExecuteTarget>();

  protected readonly includeDryRuns = signal(false);
  protected readonly now = signal(Date.now());
  protected readonly rollingBack = signal<ReadonlySet<string>>(new Set());
  protected readonly statusLabels = EXECUTION_STATUS_LABELS;
  protected readonly relativeTime = relativeTime;
  protected readonly live = inject(LiveEventsService).follow({
    executionChanged: (execution) => this.upsert(execution),
    resumed: () => this.history.reload(),
  });

  private readonly executions = signal<readonly ExecutionView[]>([]);
  private readonly history = new RefreshedResource<Page<ExecutionView>>({
    load: () => this.api.recent(LIMIT, this.includeDryRuns()),
    loaded: (page) => this.executions.set(page.items),
    settled: () => this.now.set(Date.now()),
    what: 'execution history',
    pollMs: POLL_MS,
  });
  protected readonly state = this.history.state;
  protected readonly refreshing = this.history.refreshing;
  protected readonly refreshError = this.history.refreshError;
  private readonly dialogs = viewChild.required('dialogs', { read: ViewContainerRef });
  private readonly rollbackDialog = new LazyComponent(this.dialogs, () => import('../today-dialogs').then((m) => m.RollbackDialogComponent), [
    outputBinding<ExecutionView>('confirmed', (execution) => this.rollback(execution)),
  ]);

  protected readonly rows = computed(() => {
    const list = this.executions();
    // Only a move's latest attempt offers Retry: an older failure was already retried.
    const latest = new Map<string, string>();
    for (const execution of list) {
      if (!execution.dry_run && !latest.has(execution.item_id)) {
        latest.set(execution.item_id, execution.id);
      }
    }
    return list.map((execution) => ({
      execution,
      action: ACTION_LABELS[execution.action_type],
      at: execution.finished_at ?? execution.started_at ?? execution.created_at,
      objects: HAS_OBJECTS.has(execution.status) ? (execution.result?.objects ?? []) : [],
      canRollBack: !execution.dry_run && execution.reversible && HAS_OBJECTS.has(execution.status),
      canRetry: !execution.dry_run && RETRYABLE.has(execution.status) && latest.get(execution.item_id) === execution.id,
    }));
  });

  constructor() {
    this.history.reload('initial');
  }

  protected refresh(): void {
    this.history.reload('manual');
  }

  protected retry(): void {
    this.history.startOver();
  }

  protected toggleDryRuns(include: boolean): void {
    this.includeDryRuns.set(include);
    this.history.startOver();
  }

  protected confirmRollback(execution: ExecutionView): void {
    void this.rollbackDialog.get().then((dialog) => dialog.open(execution));
  }

  protected rollback(execution: ExecutionView): void {
    if (this.rollingBack().has(execution.id)) {
      return;
    }
    this.rollingBack.update((ids) => new Set(ids).add(execution.id));
    const done = () =>
      this.rollingBack.update((ids) => {
        const next = new Set(ids);
        next.delete(execution.id);
        return next;
      });
    this.api
      .rollback(execution.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (view) => {
          done();
          this.upsert(view);
          this.toast.success(`Rolled back “${execution.title}”.`);
        },
        error: (err: unknown) => {
          done();
          this.toast.error(`Could not roll back “${execution.title}”: ${describeHttpError(err)}`);
          this.history.reload(); // a rollback_failed, or someone else's undo: show what it is now
        },
      });
  }

  protected retryExecution(execution: ExecutionView): void {
    this.retryMove.emit({
      id: execution.item_id,
      title: execution.title,
      action_type: execution.action_type,
      contact_email: execution.contact_email,
    });
  }

  private upsert(execution: ExecutionView): void {
    if (execution.dry_run && !this.includeDryRuns()) {
      return;
    }
    this.executions.update((list) => [execution, ...list.filter((e) => e.id !== execution.id)].sort(newestFirst).slice(0, LIMIT));
    this.now.set(Date.now());
  }
}
