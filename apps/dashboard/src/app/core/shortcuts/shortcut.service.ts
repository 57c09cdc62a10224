import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';

export interface Shortcut {
  /** `KeyboardEvent.key` as typed, e.g. "?", "t", "1". */
  key: string;
  description: string;
  /** Heading the help overlay groups the shortcut under. */
  scope: string;
  run: () => void;
}

const HELP_KEY = '?';

/** Single-key shortcuts, in the spirit of GitHub and Gmail; `?` lists them. */
@Injectable({ providedIn: 'root' })
export class ShortcutService {
  private readonly registered = signal<readonly Shortcut[]>([]);
  readonly overlayOpen = signal(false);

  /** Shortcuts grouped by scope, in registration order, for the help overlay. */
  readonly groups = computed(() => {
    const byScope = new Map<string, Shortcut[]>();
    for (const shortcut of this.registered()) {
      byScope.set(shortcut.scope, [...(byScope.get(shortcut.scope) ?? []), shortcut]);
    }
    return [...byScope].map(([scope, shortcuts]) => ({ scope, shortcuts }));
  });

  constructor() {
    inject(DOCUMENT).addEventListener('keydown', (event) => this.handle(event));
    this.register({
      key: HELP_KEY,
      description: 'Show or hide keyboard shortcuts',
      scope: 'General',
      run: () => this.overlayOpen.update((open) => !open),
    });
  }

  /** Returns the function that unregisters it, for components that come and go. */
  register(shortcut: Shortcut): () => void {
    if (this.registered().some((s) => s.key === shortcut.key)) {
      throw new Error(`Keyboard shortcut "${shortcut.key}" is already registered`);
    }
    this.registered.update((list) => [...list, shortcut]);
    return () => this.registered.update((list) => list.filter((s) => s !== shortcut));
  }

  private handle(event: KeyboardEvent): void {
    // Leave browser and OS chords alone, and never steal a character someone is typing.
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) {
      return;
    }
    // While the help overlay is open, only its own toggle applies (Escape is the dialog's).
    if (this.overlayOpen() && event.key !== HELP_KEY) {
      return;
    }
    const shortcut = this.registered().find((s) => s.key === event.key);
    if (shortcut) {
      event.preventDefault();
      shortcut.run();
    }
  }
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}
