import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ShortcutService } from './shortcut.service';

describe('ShortcutService', () => {
  let page: EventTarget;
  let accepted: number;

  beforeAll(() => {
    // The service asks what a key's target is; in Node nothing is an element, as for a key pressed on the page.
    Object.assign(globalThis, { Element: class {}, HTMLElement: class {} });
  });

  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'Element');
    Reflect.deleteProperty(globalThis, 'HTMLElement');
  });

  beforeEach(() => {
    accepted = 0;
    TestBed.configureTestingModule({});
    page = TestBed.inject(DOCUMENT);
    TestBed.inject(ShortcutService).register({ key: 'a', aliases: ['A'], description: 'Accept', scope: 'Moves', run: () => accepted++ });
  });

  const press = (key: string): boolean => {
    const event = Object.assign(new Event('keydown', { cancelable: true }), { key, ctrlKey: false, metaKey: false, altKey: false });
    page.dispatchEvent(event);
    return event.defaultPrevented;
  };

  it('runs the shortcut of the key pressed on the page', () => {
    expect(press('A')).toBe(true);
    expect(accepted).toBe(1);
  });

  it('holds shortcuts while a part of the page is on its way, so keys typed for it do not act on the page', async () => {
    let arrive!: () => void;
    TestBed.inject(ShortcutService).holdWhile(new Promise<void>((resolve) => (arrive = resolve)));
    expect(press('A')).toBe(false); // "Asked…" typed before the form is there
    expect(accepted).toBe(0);

    arrive();
    await Promise.resolve();
    press('a');
    expect(accepted).toBe(1);
  });

  it('lets shortcuts work again when the part could not be fetched', async () => {
    let fail!: () => void;
    TestBed.inject(ShortcutService).holdWhile(new Promise<void>((_, reject) => (fail = () => reject(new Error('chunk gone')))));
    fail();
    await Promise.resolve();
    press('a');
    expect(accepted).toBe(1);
  });
});
