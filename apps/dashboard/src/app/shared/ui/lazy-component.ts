import { Binding, ComponentRef, DestroyRef, Signal, Type, ViewContainerRef, inject } from '@angular/core';
import { ShortcutService } from '../../core/shortcuts/shortcut.service';
import { ToastService } from '../../core/toast/toast.service';

/** Usually a tab opened before a new version went out, asking for a chunk that no longer exists. */
export const LAZY_LOAD_FAILED = 'Could not load this part of the page; reload the page.';

/**
 * A component kept out of its page's first load (a dialog, a form): fetched with a plain
 * dynamic import the first time it is used, created in `host`, then kept (or destroyed and
 * created again). Unlike `@defer`, no runtime in the first load and no entry point per block:
 * the page's dialogs share one module, so one chunk. A call made while the chunk is on its way
 * is kept and runs once the component exists, so a shortcut pressed at once is not lost. When a
 * person asked for it (a key, a click) the page's own shortcuts wait meanwhile, so the keys typed
 * for the component do not trigger them; a load nobody asked for (scrolled near) holds nothing.
 * When the chunk cannot be fetched, `onUnavailable` runs (by default a toast asking for a
 * reload), the promise `get()` returned never settles, and the next `get()` tries again.
 * Create in an injection context; `host` is a view query (`read: ViewContainerRef`), so the
 * component gets the injector of that place in the page.
 */
export class LazyComponent<T> {
  private readonly shortcuts = inject(ShortcutService);
  private readonly toast = inject(ToastService);
  private created: Promise<ComponentRef<T>> | null = null;
  private ready = false;

  constructor(
    private readonly host: Signal<ViewContainerRef>,
    private readonly load: () => Promise<Type<T>>,
    private readonly bindings: Binding[] = [],
    private readonly onUnavailable?: () => void,
  ) {}

  /**
   * The component, fetched and created on first use; its view queries are ready. `askedFor`:
   * false when no person is waiting for it (it came near the screen), so shortcuts are not held.
   */
  get(askedFor = true): Promise<T> {
    if (!this.created) {
      const created = this.load().then((type) => {
        const ref = this.host().createComponent(type, { bindings: this.bindings });
        ref.changeDetectorRef.detectChanges(); // so its view queries (the <dialog> element) resolve before it is used
        if (this.created === created) this.ready = true;
        return ref;
      });
      this.created = created;
      this.ready = false;
      created.catch(() => {
        if (this.created === created) this.created = null;
        if (this.onUnavailable) this.onUnavailable();
        else this.toast.error(LAZY_LOAD_FAILED);
      });
    }
    if (askedFor && !this.ready) this.shortcuts.holdWhile(this.created);
    // On failure the callers' follow-ups (open the dialog...) are skipped: onUnavailable said why.
    return this.created.then(
      (ref) => ref.instance,
      () => new Promise<never>(() => undefined),
    );
  }

  /** Removes the component; the next `get()` creates a fresh one (the chunk stays loaded). */
  destroy(): void {
    const created = this.created;
    this.created = null;
    this.ready = false;
    void created?.then(
      (ref) => ref.destroy(),
      () => undefined,
    );
  }
}

// Long enough after the page's own load (its requests, then a quiet moment) not to count in it.
const PREFETCH_AFTER_MS = 5_000;

/**
 * Fetches chunks a page will likely need (its dialogs, its side panels) once the page has loaded
 * and the browser is idle, so the first Execute or `n` does not wait for the network. Only fetched,
 * not created; a failure is left to the `LazyComponent` that asks later. Call in an injection context.
 */
export function prefetchWhenIdle(...loads: (() => Promise<unknown>)[]): void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    const fetchAll = (): void => loads.forEach((load) => void load().catch(() => undefined));
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fetchAll);
    else fetchAll();
  }, PREFETCH_AFTER_MS);
  inject(DestroyRef).onDestroy(() => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  });
}
