import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { BeatResponse, ProcessBeatView } from '@caseyos/contracts';
import { HealthService } from '../../core/health/health.service';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { relativeTime } from '../../shared/time/relative-time';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { WidgetHeaderComponent } from '../../shared/ui/widget-header.component';

// Every process beats every 10 s; a poll a little slower shows one going stale within a minute.
const POLL_MS = 15_000;
const AT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const ROLE_LABELS: Record<ProcessBeatView['role'], string> = { api: 'API', worker: 'Worker', all: 'API + worker' };

/** The api and worker processes that beat within the last hour (/health/beat), live ones first. */
@Component({
  selector: 'cos-processes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, WidgetHeaderComponent],
  template: `
    <section class="card panel" aria-labelledby="processes-title" data-testid="processes">
      <header
        class="panel__header"
        cos-widget-header="processes"
        heading="Processes"
        [caption]="summary()"
        refreshLabel="Refresh processes"
        [busy]="beat.refreshing()"
        (refresh)="beat.reload('manual')"
      ></header>
      @if (beat.refreshError(); as message) {
        <p class="stale" role="status">Could not refresh ({{ message }}); showing the last report received.</p>
      }
      @let list = processes();
      @if (!list) {
        <cos-load-state [state]="beat.state()" what="processes" [lines]="3" (retry)="beat.startOver()" />
      } @else if (list.length === 0) {
        <p class="caption" data-testid="processes-empty">No process has reported in the last hour.</p>
      } @else {
        <ul class="processes" data-testid="processes-list">
          @for (process of list; track process.id ?? $index) {
            <li class="process" [attr.data-status]="process.status" [attr.data-role]="process.role" data-testid="process">
              <span class="process__dot" aria-hidden="true"></span>
              <div class="process__body">
                <p>
                  <strong>{{ roleLabels[process.role] }}</strong>
                  @if (process.version) {
                    <span class="muted" data-testid="process-version">v{{ process.version }}</span>
                  }
                </p>
                @if (process.id) {
                  <p class="process__id" data-testid="process-id">{{ process.id }}</p>
                }
                <p class="muted">
                  Last beat <time [attr.datetime]="process.last_beat_at" [title]="at(process.last_beat_at)">{{ relative(process.last_beat_at) }}</time> ·
                  started <time [attr.datetime]="process.started_at" [title]="at(process.started_at)">{{ relative(process.started_at) }}</time>
                </p>
              </div>
              <span class="process__state">{{ process.status === 'live' ? 'Live' : 'Stale' }}</span>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .panel {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 1.25rem;
    }
    .panel__header {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
    }
    p {
      margin: 0;
    }
    .caption,
    .muted {
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
    .processes {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .process {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
      padding: 0.625rem 0;
      border-top: 1px solid var(--border);
      --dot: var(--ok);
    }
    .process[data-status='stale'] {
      --dot: var(--danger);
    }
    .process__dot {
      flex: none;
      width: 0.5rem;
      height: 0.5rem;
      margin-top: 0.4rem;
      border-radius: 50%;
      background: var(--dot);
    }
    .process__body {
      flex: 1;
      min-width: 0;
    }
    .process__id {
      font-family: var(--mono);
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }
    .process__state {
      color: var(--dot);
      font-size: 0.8125rem;
      font-weight: 600;
    }
  `,
})
export class ProcessesComponent {
  private readonly health = inject(HealthService);

  protected readonly roleLabels = ROLE_LABELS;
  private readonly now = signal(Date.now());
  protected readonly beat = new RefreshedResource<BeatResponse>({
    load: () => this.health.beat(),
    settled: () => this.now.set(Date.now()),
    what: 'processes',
    pollMs: POLL_MS,
  });
  protected readonly processes = computed(() => this.beat.value()?.processes ?? null);
  protected readonly summary = computed(() => {
    const list = this.processes() ?? [];
    const live = list.filter((process) => process.status === 'live').length;
    const stale = list.length - live;
    return `${live} live${stale ? `, ${stale} stale` : ''} · api and worker heartbeats`;
  });

  constructor() {
    this.beat.reload('initial');
  }

  protected relative(iso: string): string {
    return relativeTime(iso, this.now());
  }

  protected at(iso: string): string {
    return AT.format(new Date(iso));
  }
}
