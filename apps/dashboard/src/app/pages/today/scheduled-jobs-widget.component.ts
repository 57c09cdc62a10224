import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { BeatResponse, ScheduledJobBeat } from '@caseyos/contracts';
import { HealthService } from '../../core/health/health.service';
import { describeHttpError, requestIdOf } from '../../core/http/http-error';
import { ToastService } from '../../core/toast/toast.service';
import { ErrorStateComponent } from '../../shared/ui/error-state.component';
import { LoadingSkeletonComponent } from '../../shared/ui/loading-skeleton.component';
import { relativeTime } from '../../shared/time/relative-time';
import { DeadLettersComponent } from './outcomes/dead-letters.component';

type JobHealth = 'ok' | 'failing' | 'pending';

interface JobRow {
  job: ScheduledJobBeat;
  health: JobHealth;
}

type LoadState =
  { status: 'loading' } | { status: 'ready'; rows: JobRow[]; failing: number; stale: boolean } | { status: 'error'; message: string; requestId?: string };

/** A job is failing when its latest error is newer than its latest success. */
function jobHealth(job: ScheduledJobBeat): JobHealth {
  if (!job.last_run_at) {
    return 'pending';
  }
  if (job.last_error_at && (!job.last_success_at || Date.parse(job.last_error_at) > Date.parse(job.last_success_at))) {
    return 'failing';
  }
  return 'ok';
}

function toReady(beat: BeatResponse): LoadState {
  const rows = beat.jobs.map((job) => ({ job, health: jobHealth(job) }));
  return { status: 'ready', rows, failing: rows.filter((row) => row.health === 'failing').length, stale: beat.status === 'stale' };
}

/** The scheduled background work (pollers, detectors) the queue depends on, from /health/beat, and the detections that gave up. */
@Component({
  selector: 'cos-scheduled-jobs-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSkeletonComponent, ErrorStateComponent, DeadLettersComponent],
  templateUrl: './scheduled-jobs-widget.component.html',
  styleUrl: './scheduled-jobs-widget.component.css',
})
export class ScheduledJobsWidgetComponent {
  private readonly health = inject(HealthService);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  readonly domainLabel = input.required<string>();

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly relativeTime = relativeTime;
  private readonly deadLetters = viewChild.required(DeadLettersComponent);

  constructor() {
    this.load();
  }

  protected refresh(): void {
    this.load();
    this.deadLetters().reload();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.health
      .beat()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (beat) => this.state.set(toReady(beat)),
        error: (err: unknown) => {
          const message = describeHttpError(err);
          this.state.set({ status: 'error', message, requestId: requestIdOf(err) });
          this.toast.error(`Scheduled jobs: ${message}`);
        },
      });
  }
}
