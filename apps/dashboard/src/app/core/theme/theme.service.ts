import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';

export type Theme = 'light' | 'dark';

// public/theme-init.js reads the same key before Angular boots.
const STORAGE_KEY = 'caseyos.theme';

@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly media = this.document.defaultView?.matchMedia('(prefers-color-scheme: dark)');

  readonly theme = signal<Theme>(this.stored() ?? (this.media?.matches ? 'dark' : 'light'));

  constructor() {
    effect(() => this.document.documentElement.setAttribute('data-theme', this.theme()));
    // Until the user picks a theme, follow the operating system as it changes (e.g. at dusk).
    this.media?.addEventListener('change', (event) => {
      if (!this.stored()) {
        this.theme.set(event.matches ? 'dark' : 'light');
      }
    });
  }

  toggle(): void {
    const next: Theme = this.theme() === 'dark' ? 'light' : 'dark';
    this.theme.set(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage can be disabled (private mode, policy); the choice then lasts for this page only.
    }
  }

  private stored(): Theme | null {
    try {
      const value = localStorage.getItem(STORAGE_KEY);
      return value === 'dark' || value === 'light' ? value : null;
    } catch {
      return null;
    }
  }
}
