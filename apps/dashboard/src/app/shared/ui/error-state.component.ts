import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

@Component({
  selector: 'cos-error-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'alert', 'data-testid': 'error-state' },
  template: `
    <span class="icon" aria-hidden="true">!</span>
    <div class="body">
      <p class="title">{{ title() }}</p>
      <p class="message">{{ message() }}</p>
      @if (requestId(); as id) {
        <p class="request-id">
          Request ID <code>{{ id }}</code>
        </p>
      }
    </div>
    <button type="button" class="button" data-testid="error-retry" (click)="retry.emit()">Retry</button>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.75rem;
      padding: 1rem;
      border: 1px solid color-mix(in srgb, var(--danger) 35%, var(--border));
      border-radius: var(--radius);
      background: color-mix(in srgb, var(--danger) 7%, var(--surface));
    }
    .icon {
      display: grid;
      place-items: center;
      flex: none;
      width: 1.75rem;
      height: 1.75rem;
      border-radius: 50%;
      background: var(--danger);
      color: #fff;
      font-weight: 700;
    }
    .body {
      flex: 1 1 12rem;
      min-width: 0;
    }
    p {
      margin: 0;
    }
    .title {
      font-weight: 600;
    }
    .message {
      margin-top: 0.25rem;
      color: var(--text-muted);
      overflow-wrap: anywhere;
    }
    .request-id {
      margin-top: 0.375rem;
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
  `,
})
export class ErrorStateComponent {
  readonly title = input('Could not load this');
  readonly message = input.required<string>();
  readonly requestId = input<string>();
  readonly retry = output<void>();
}
