import { TestBed } from '@angular/core/testing';
import { Announcer } from '../a11y/announcer';
import { ToastService } from './toast.service';

describe('ToastService', () => {
  let announce: jest.Mock;
  let toasts: ToastService;

  beforeEach(() => {
    announce = jest.fn();
    TestBed.configureTestingModule({ providers: [{ provide: Announcer, useValue: { announce } }] });
    toasts = TestBed.inject(ToastService);
  });

  it('announces every toast to screen readers, an error assertively', () => {
    toasts.success('Saved.');
    toasts.error('Could not save.');
    expect(announce.mock.calls).toEqual([
      ['Saved.', 'polite'],
      ['Could not save.', 'assertive'],
    ]);
  });

  it('takes a toast away by itself, an error later than the rest', () => {
    toasts.info('Heads up.');
    toasts.error('Broken.');
    jest.advanceTimersByTime(4_000);
    expect(toasts.toasts().map((t) => t.message)).toEqual(['Broken.']);
    jest.advanceTimersByTime(4_000);
    expect(toasts.toasts()).toEqual([]);
  });

  it('shows the four newest of a burst', () => {
    for (let i = 1; i <= 6; i += 1) toasts.error(`Failure ${i}`);
    expect(toasts.toasts().map((t) => t.message)).toEqual(['Failure 3', 'Failure 4', 'Failure 5', 'Failure 6']);
  });
});
