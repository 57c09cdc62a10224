import { ChangeDetectionStrategy, Component, computed, inject, input, viewChild } from '@angular/core';
import { BeatResponse, ScheduledJobBeat } from '@caseyos/contracts';
import { HealthService } from '../../core/health/health.service';
import { RefreshedResource } from '../data/refreshed-resource';
import { relativeTime } from '../time/relative-time';
import { CollapsibleWidgetDirective } from '../ui/collapsible-widget';
import { LoadStateComponent } from '../ui/load-state.component';
import { WidgetHeaderComponent } from '../ui/widget-header.component';
import { DeadLettersComponent } from './dead-letters.component';

type JobHealth = 'ok' | 'failing' | 'pending';

interface JobRow {
  job: ScheduledJobBeat;
  health: JobHealth;
}

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

function report(beat: BeatResponse): { rows: JobRow[]; failing: number; stale: boolean } {
  const rows = beat.jobs.map((job) => ({ job, health: jobHealth(job) }));
  return { rows, failing: rows.filter((row) => row.health === 'failing').length, stale: beat.status === 'stale' };
}

/** The scheduled background work (pollers, detectors) the queue depends on, from /health/beat, and the detections that gave up. */
@Component({
  selector: 'cos-scheduled-jobs-widget',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, DeadLettersComponent, CollapsibleWidgetDirective, WidgetHeaderComponent],
  templateUrl: './scheduled-jobs-widget.component.html',
  styleUrl: './scheduled-jobs-widget.component.css',
})
export class ScheduledJobsWidgetComponent {
  private readonly health = inject(HealthService);

  /** Today shows which domain the page is filtered to; the jobs themselves serve every domain. */
  readonly domainLabel = input<string | null>(null);

  private readonly beat = new RefreshedResource<BeatResponse>({ load: () => this.health.beat(), what: 'scheduled jobs' });
  protected readonly state = this.beat.state;
  protected readonly refreshing = this.beat.refreshing;
  protected readonly refreshError = this.beat.refreshError;
  /** Null until the first answer (and after a failed one). */
  protected readonly report = computed(() => {
    const beat = this.beat.value();
    return beat ? report(beat) : null;
  });
  protected readonly relativeTime = relativeTime;
  private readonly deadLetters = viewChild.required(DeadLettersComponent);

  constructor() {
    this.beat.reload('initial');
  }

  protected refresh(): void {
    this.beat.reload('manual');
    this.deadLetters().reload();
  }

  protected retry(): void {
    this.beat.startOver();
  }
}
