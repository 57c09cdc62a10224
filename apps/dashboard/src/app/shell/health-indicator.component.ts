import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { switchMap, timer } from 'rxjs';
import { HealthService, HealthStatus } from '../core/health/health.service';

const HEALTH_POLL_MS = 15_000;

@Component({
  selector: 'cos-health-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="health"
      role="status"
      [attr.data-status]="status().level"
      [attr.data-jobs]="status().jobs ?? null"
      [attr.title]="tooltip()"
      data-testid="health-indicator"
    >
      <span class="health__dot" aria-hidden="true"></span>
      <span class="health__label">{{ status().label }}</span>
    </span>
  `,
  styles: `
    .health {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.25rem 0.625rem;
      border: 1px solid var(--border);
      border-radius: 999px;
      color: var(--text-muted);
      font-size: 0.8125rem;
      white-space: nowrap;
      --dot: var(--text-muted);
    }
    [data-status='ok'] {
      --dot: var(--ok);
    }
    [data-status='degraded'] {
      --dot: var(--warn);
    }
    [data-status='down'] {
      --dot: var(--danger);
    }
    .health__dot {
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      background: var(--dot);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--dot) 25%, transparent);
    }
    /* On a phone the dot alone carries the state; the label stays for screen readers and the tooltip. */
    @media (max-width: 640px) {
      .health {
        padding: 0.5rem;
        border-color: transparent;
      }
      .health__label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    }
  `,
})
export class HealthIndicatorComponent {
  private readonly health = inject(HealthService);

  protected readonly status = toSignal<HealthStatus, HealthStatus>(timer(0, HEALTH_POLL_MS).pipe(switchMap(() => this.health.status())), {
    initialValue: { level: 'unknown', label: 'Checking API…' },
  });
  /** The jobs' details live in the tooltip only: in the live region they would be re-announced every poll. */
  protected readonly tooltip = computed(() => {
    const { label, jobProblems } = this.status();
    return [`API health: ${label}`, ...(jobProblems ?? []).map((line) => `• ${line}`)].join('\n');
  });
}
