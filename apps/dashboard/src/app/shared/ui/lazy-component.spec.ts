import { Injector, Type, ViewContainerRef, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ShortcutService } from '../../core/shortcuts/shortcut.service';
import { ToastService } from '../../core/toast/toast.service';
import { LAZY_LOAD_FAILED, LazyComponent } from './lazy-component';

class Dialog {}

/** Settles the promise chains of get(). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('LazyComponent', () => {
  let errors: string[];
  let holds: Promise<unknown>[];
  let created: number;
  let load: jest.Mock<Promise<Type<Dialog>>, []>;

  const lazyDialog = (onUnavailable?: () => void): LazyComponent<Dialog> => {
    const host = { createComponent: () => ({ instance: new Dialog(), changeDetectorRef: { detectChanges: () => created++ }, destroy: () => undefined }) };
    const injector = TestBed.inject(Injector);
    return runInInjectionContext(injector, () => new LazyComponent(signal(host as unknown as ViewContainerRef), load, [], onUnavailable));
  };

  beforeEach(() => {
    errors = [];
    holds = [];
    created = 0;
    load = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: ToastService, useValue: { error: (message: string) => errors.push(message) } },
        { provide: ShortcutService, useValue: { holdWhile: (load: Promise<unknown>) => holds.push(load) } },
      ],
    });
  });

  it('fetches and creates the component once, and holds shortcuts until it is there', async () => {
    load.mockResolvedValue(Dialog);
    const dialog = lazyDialog();
    const [first, second] = await Promise.all([dialog.get(), dialog.get()]);
    expect(first).toBe(second);
    expect(load).toHaveBeenCalledTimes(1);
    expect(created).toBe(1);
    expect(holds).toHaveLength(2); // each asked-for call waits on the same load
    await dialog.get();
    expect(holds).toHaveLength(2); // already there: nothing to hold
  });

  it('holds no shortcut for a load nobody asked for (scrolled near the screen)', async () => {
    load.mockResolvedValue(Dialog);
    await lazyDialog().get(false);
    expect(created).toBe(1);
    expect(holds).toHaveLength(0);
  });

  it('says the part could not be fetched, and fetches it again on the next use', async () => {
    load.mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValueOnce(Dialog);
    const dialog = lazyDialog();
    const opened = jest.fn();
    void dialog.get().then(opened);
    await settle();
    expect(errors).toEqual([LAZY_LOAD_FAILED]);
    expect(opened).not.toHaveBeenCalled();
    await expect(holds[0]).rejects.toThrow(TypeError); // the hold ends with the failure

    await expect(dialog.get()).resolves.toBeInstanceOf(Dialog);
    expect(load).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(1);
  });

  it('runs its own fallback instead of the toast when it has one', async () => {
    load.mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    const fallback = jest.fn();
    void lazyDialog(fallback).get();
    await settle();
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([]);
  });
});
