import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Announcer } from './announcer';

/** Just enough of a page for the announcer: elements with attributes, text and children. */
class FakeElement {
  className = '';
  textContent = '';
  parentNode: FakeElement | null = null;
  readonly children: FakeElement[] = [];
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  /** An open modal <dialog>. */
  modal = false;

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  append(...elements: FakeElement[]): void {
    for (const element of elements) {
      element.remove();
      element.parentNode = this;
      this.children.push(element);
    }
  }

  remove(): void {
    this.parentNode?.children.splice(this.parentNode.children.indexOf(this), 1);
    this.parentNode = null;
  }

  get isConnected(): boolean {
    return this.parentNode === body || (this.parentNode?.isConnected ?? false);
  }

  descendants(): FakeElement[] {
    return this.children.flatMap((child) => [child, ...child.descendants()]);
  }
}

let body: FakeElement;
/** What the page's MutationObserver would call when a dialog's `open` changes. */
let dialogToggled: () => void;

class FakeMutationObserver {
  constructor(callback: () => void) {
    dialogToggled = callback;
  }
  observe(): void {
    // Toggles are reported by calling dialogToggled().
  }
}

describe('Announcer', () => {
  let announcer: Announcer;
  const realMutationObserver = globalThis.MutationObserver;

  beforeEach(() => {
    body = new FakeElement();
    globalThis.MutationObserver = FakeMutationObserver as unknown as typeof MutationObserver;
    const document = {
      body,
      createElement: () => new FakeElement(),
      querySelectorAll: (selector: string) => (selector === 'dialog:modal' ? body.descendants().filter((element) => element.modal) : []),
    };
    TestBed.configureTestingModule({ providers: [Announcer, { provide: DOCUMENT, useValue: document }] });
    announcer = TestBed.inject(Announcer);
  });

  afterEach(() => {
    globalThis.MutationObserver = realMutationObserver;
  });

  const region = (politeness: string) => body.descendants().find((element) => element.attributes.get('aria-live') === politeness);

  it('has one hidden, atomic live region per politeness in the page before anything is said', () => {
    expect(body.children.map((element) => element.attributes.get('aria-live'))).toEqual(['polite', 'assertive']);
    expect(region('polite')).toMatchObject({ className: 'visually-hidden', textContent: '' });
    expect(region('polite')?.attributes.get('aria-atomic')).toBe('true');
  });

  it('speaks through the region of the politeness asked for', () => {
    announcer.announce('Saved.');
    announcer.announce('Could not save.', 'assertive');
    announcer.announce('Saved again.');
    jest.advanceTimersByTime(100);
    expect(region('polite')?.textContent).toBe('Saved again.');
    expect(region('assertive')?.textContent).toBe('Could not save.');
  });

  it('empties the region before the text comes back, so the same message twice is read twice', () => {
    announcer.announce('Refreshed.');
    jest.advanceTimersByTime(100);
    announcer.announce('Refreshed.');
    expect(region('polite')?.textContent).toBe('');
    jest.advanceTimersByTime(100);
    expect(region('polite')?.textContent).toBe('Refreshed.');
  });

  const openDialog = (): FakeElement => {
    const dialog = new FakeElement();
    body.append(dialog);
    dialog.modal = true;
    dialogToggled();
    return dialog;
  };

  it('moves the regions into a modal dialog while it is open, as the rest of the page is not read', () => {
    const dialog = openDialog();
    expect(dialog.children.map((element) => element.attributes.get('aria-live'))).toEqual(['polite', 'assertive']);
    announcer.announce('Could not dismiss.', 'assertive');
    jest.advanceTimersByTime(100);
    expect(region('assertive')?.parentNode).toBe(dialog);
    expect(region('assertive')?.textContent).toBe('Could not dismiss.');

    dialog.modal = false; // closed, still in the page
    dialogToggled();
    expect(dialog.children).toEqual([]);
    expect([region('polite')?.parentNode, region('assertive')?.parentNode]).toEqual([body, body]);
  });

  it('puts the regions back in the page when their dialog was taken away while open', () => {
    const dialog = openDialog();
    dialog.remove(); // no attribute change: the observer is not told
    announcer.announce('Signed out.');
    jest.advanceTimersByTime(100);
    expect(region('polite')?.parentNode).toBe(body);
    expect(region('polite')?.textContent).toBe('Signed out.');
  });
});
