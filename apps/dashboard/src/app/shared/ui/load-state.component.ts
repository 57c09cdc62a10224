import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { LoadState } from '../data/refreshed-resource';
import { ErrorStateComponent } from './error-state.component';
import { LoadingSkeletonComponent } from './loading-skeleton.component';

/**
 * What a widget shows in place of its content until it has some: skeleton bars while loading,
 * the error with its request id and a Retry after a failed first load. Every widget loading
 * through a RefreshedResource shows its `state` through this.
 */
@Component({
  selector: 'cos-load-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSkeletonComponent, ErrorStateComponent],
  template: `
    @let current = state();
    @if (current.status === 'loading') {
      <cos-loading-skeleton [lines]="lines()" [label]="'Loading ' + what() + '…'" />
    } @else if (current.status === 'error') {
      <cos-error-state [title]="'Could not load ' + what()" [message]="current.message" [requestId]="current.requestId" (retry)="retry.emit()" />
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class LoadStateComponent {
  readonly state = input.required<LoadState>();
  /** What is loading, as the end of "Loading …" and "Could not load …". */
  readonly what = input.required<string>();
  /** Skeleton bars, roughly the lines of the content to come. */
  readonly lines = input(3);
  readonly retry = output<void>();
}
