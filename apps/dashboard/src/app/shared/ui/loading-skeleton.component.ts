import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Grey placeholder bars shaped like the content that is loading, so the layout does not jump. */
@Component({
  selector: 'cos-loading-skeleton',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', 'aria-busy': 'true', 'data-testid': 'loading-skeleton' },
  template: `
    <span class="visually-hidden">{{ label() }}</span>
    @for (width of widths(); track $index) {
      <span class="bar" [style.width.%]="width" aria-hidden="true"></span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 0.25rem 0;
    }
    .bar {
      display: block;
      height: 0.875rem;
      border-radius: 6px;
      background: linear-gradient(90deg, var(--skeleton) 0%, var(--skeleton-shine) 50%, var(--skeleton) 100%);
      background-size: 200% 100%;
      animation: shimmer 1.4s ease-in-out infinite;
    }
    @keyframes shimmer {
      from {
        background-position: 100% 0;
      }
      to {
        background-position: -100% 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        animation: none;
      }
    }
  `,
})
export class LoadingSkeletonComponent {
  readonly lines = input(3);
  readonly label = input('Loading…');

  // Ragged widths read as text; identical bars read as a progress bar.
  protected readonly widths = computed(() => Array.from({ length: this.lines() }, (_, i) => [92, 76, 84, 60][i % 4]));
}
