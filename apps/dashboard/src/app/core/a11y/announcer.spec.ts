import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Announcer } from './announcer';

/** Just enough of a page for the announcer: elements with attributes and text, and a body. */
class FakeElement {
  className = '';
  textContent = '';
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
}

describe('Announcer', () => {
  let regions: FakeElement[];
  let announcer: Announcer;

  beforeEach(() => {
    regions = [];
    const document = { createElement: () => new FakeElement(), body: { append: (region: FakeElement) => regions.push(region) } };
    TestBed.configureTestingModule({ providers: [Announcer, { provide: DOCUMENT, useValue: document }] });
    announcer = TestBed.inject(Announcer);
  });

  const region = (politeness: string) => regions.find((r) => r.attributes.get('aria-live') === politeness);

  it('speaks through one hidden, atomic live region per politeness, added on first use', () => {
    expect(regions).toHaveLength(0);
    announcer.announce('Saved.');
    announcer.announce('Could not save.', 'assertive');
    announcer.announce('Saved again.');
    jest.advanceTimersByTime(100);
    expect(regions).toHaveLength(2);
    expect(region('polite')).toMatchObject({ className: 'visually-hidden', textContent: 'Saved again.' });
    expect(region('polite')?.attributes.get('aria-atomic')).toBe('true');
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
});
