import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ToastService } from './toast.service';

@Component({
  selector: 'cos-toast-outlet',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <!-- Not a live region: ToastService announces each message once, through the Announcer. -->
    <section class="toasts" aria-label="Notifications" data-testid="toasts">
      @for (toast of toastService.toasts(); track toast.id) {
        <div class="toast" [class]="'toast--' + toast.kind" [attr.data-kind]="toast.kind" data-testid="toast">
          <span class="toast__icon" aria-hidden="true">{{ icons[toast.kind] }}</span>
          <p class="toast__message">{{ toast.message }}</p>
          <button type="button" class="toast__close" aria-label="Dismiss notification" (click)="toastService.dismiss(toast.id)">×</button>
        </div>
      }
    </section>
  `,
  styles: `
    .toasts {
      position: fixed;
      z-index: 50;
      right: 1rem;
      bottom: 1rem;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      width: min(24rem, calc(100vw - 2rem));
      pointer-events: none;
    }
    .toast {
      display: flex;
      align-items: flex-start;
      gap: 0.625rem;
      padding: 0.75rem 0.75rem 0.75rem 1rem;
      border: 1px solid var(--border);
      border-left: 4px solid var(--toast-accent);
      border-radius: var(--radius);
      background: var(--surface);
      box-shadow: var(--shadow-lg);
      pointer-events: auto;
      animation: toast-in 160ms ease-out;
    }
    .toast--success {
      --toast-accent: var(--ok);
    }
    .toast--error {
      --toast-accent: var(--danger);
    }
    .toast--info {
      --toast-accent: var(--accent);
    }
    .toast__icon {
      color: var(--toast-accent);
      font-weight: 700;
      line-height: 1.4;
    }
    .toast__message {
      flex: 1;
      margin: 0;
      line-height: 1.4;
      overflow-wrap: anywhere;
    }
    .toast__close {
      border: 0;
      background: none;
      color: var(--text-muted);
      font-size: 1.25rem;
      line-height: 1;
      padding: 0 0.25rem;
      cursor: pointer;
      border-radius: 4px;
    }
    .toast__close:hover {
      color: var(--text);
    }
    @keyframes toast-in {
      from {
        opacity: 0;
        transform: translateY(0.5rem);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .toast {
        animation: none;
      }
    }
  `,
})
export class ToastOutletComponent {
  protected readonly toastService = inject(ToastService);
  protected readonly icons = { success: '✓', error: '!', info: 'i' } as const;
}
