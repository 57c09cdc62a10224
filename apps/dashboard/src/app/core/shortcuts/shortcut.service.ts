import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';

export interface Shortcut {
  /** `KeyboardEvent.key` as typed, e.g. "?", "t", "1". */
  key: string;
  /** Other keys that do the same, e.g. "A" for "a", so Shift or Caps Lock does not matter. Not listed in the overlay. */
  aliases?: readonly string[];
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
  /** Parts of the page on their way (a dialog, a form) that a shortcut or a click asked for. */
  private pendingLoads = 0;

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
    const taken = keysOf(shortcut).find((key) => this.registered().some((s) => keysOf(s).includes(key)));
    if (taken) {
      throw new Error(`Keyboard shortcut "${taken}" is already registered`);
    }
    this.registered.update((list) => [...list, shortcut]);
    return () => this.registered.update((list) => list.filter((s) => s !== shortcut));
  }

  /**
   * Holds every shortcut until `load` settles: keys typed while a dialog or form is on its way are
   * meant for it ("n" then "Asked…"), not for the page ("A" would accept the selected move).
   */
  holdWhile(load: Promise<unknown>): void {
    this.pendingLoads++;
    const release = (): void => void this.pendingLoads--;
    load.then(release, release);
  }

  private handle(event: KeyboardEvent): void {
    // Leave browser and OS chords alone, and never steal a character someone is typing.
    if (this.pendingLoads > 0 || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) {
      return;
    }
    // While the help overlay is open, only its own toggle applies (Escape is the dialog's).
    if (this.overlayOpen() && event.key !== HELP_KEY) {
      return;
    }
    // Any other open modal dialog (e.g. "dismiss with a reason") owns the keyboard until it closes.
    if (!this.overlayOpen() && isInDialog(event.target)) {
      return;
    }
    const shortcut = this.registered().find((s) => keysOf(s).includes(event.key));
    if (shortcut) {
      event.preventDefault();
      shortcut.run();
    }
  }
}

function keysOf(shortcut: Shortcut): readonly string[] {
  return [shortcut.key, ...(shortcut.aliases ?? [])];
}

function isInDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog[open]') !== null;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}
