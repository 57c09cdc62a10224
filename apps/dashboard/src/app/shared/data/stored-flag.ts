import { Signal, WritableSignal, signal } from '@angular/core';

/**
 * A yes/no choice remembered in localStorage under `key` (stored only while true). Where storage
 * is off (private mode, a policy) the choice lasts for the page.
 */
export class StoredFlag {
  private readonly state: WritableSignal<boolean>;
  readonly value: Signal<boolean>;

  constructor(private readonly key: string) {
    this.state = signal(readStored(key));
    this.value = this.state.asReadonly();
  }

  set(value: boolean): void {
    this.state.set(value);
    try {
      if (value) localStorage.setItem(this.key, 'true');
      else localStorage.removeItem(this.key);
    } catch {
      // Storage unavailable: remembered for this page only.
    }
  }
}

function readStored(key: string): boolean {
  try {
    return localStorage.getItem(key) === 'true';
  } catch {
    return false; // storage unavailable
  }
}
