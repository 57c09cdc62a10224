import { Binding, ComponentRef, Signal, Type, ViewContainerRef } from '@angular/core';

/**
 * A component kept out of its page's first load (a dialog, a form): fetched with a plain
 * dynamic import the first time it is used, created in `host`, then kept (or destroyed and
 * created again). Unlike `@defer`, no runtime in the first load and no entry point per block:
 * the page's dialogs share one module, so one chunk. A call made while the chunk is on its way
 * is kept and runs once the component exists, so a shortcut pressed at once is not lost.
 * Create in an injection context; `host` is a view query (`read: ViewContainerRef`), so the
 * component gets the injector of that place in the page.
 */
export class LazyComponent<T> {
  private created: Promise<ComponentRef<T>> | null = null;

  constructor(
    private readonly host: Signal<ViewContainerRef>,
    private readonly load: () => Promise<Type<T>>,
    private readonly bindings: Binding[] = [],
  ) {}

  /** The component, fetched and created on first use; its view queries are ready. */
  get(): Promise<T> {
    this.created ??= this.load().then((type) => {
      const ref = this.host().createComponent(type, { bindings: this.bindings });
      ref.changeDetectorRef.detectChanges(); // so its view queries (the <dialog> element) resolve before it is used
      return ref;
    });
    return this.created.then((ref) => ref.instance);
  }

  /** Removes the component; the next `get()` creates a fresh one (the chunk stays loaded). */
  destroy(): void {
    const created = this.created;
    this.created = null;
    void created?.then((ref) => ref.destroy());
  }
}
