import { Injectable, inject, signal } from '@angular/core';
import { Announcer } from '../a11y/announcer';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

// Errors stay longer: they usually need reading, and may carry a request id.
const DISMISS_AFTER_MS: Record<ToastKind, number> = { success: 4000, info: 4000, error: 8000 };
const MAX_VISIBLE = 4;

/** Short messages in the corner that go away by themselves; screen readers hear each one through the Announcer. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private readonly announcer = inject(Announcer);
  private nextId = 1;
  private readonly list = signal<readonly Toast[]>([]);
  readonly toasts = this.list.asReadonly();

  success(message: string): void {
    this.show('success', message);
  }

  error(message: string): void {
    this.show('error', message);
  }

  info(message: string): void {
    this.show('info', message);
  }

  dismiss(id: number): void {
    this.list.update((toasts) => toasts.filter((t) => t.id !== id));
  }

  private show(kind: ToastKind, message: string): void {
    const id = this.nextId++;
    // A burst of failures (e.g. the API going down) must not bury the screen.
    this.list.update((toasts) => [...toasts, { id, kind, message }].slice(-MAX_VISIBLE));
    // An error interrupts what is being read; the rest wait their turn.
    this.announcer.announce(message, kind === 'error' ? 'assertive' : 'polite');
    setTimeout(() => this.dismiss(id), DISMISS_AFTER_MS[kind]);
  }
}
