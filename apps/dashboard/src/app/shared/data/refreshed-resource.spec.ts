import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { Observable, Subject } from 'rxjs';
import { ToastService } from '../../core/toast/toast.service';
import { TestDocument } from '../../../test-setup';
import { RefreshedResource, RefreshedResourceOptions } from './refreshed-resource';

describe('RefreshedResource', () => {
  let requests: Subject<string>[];
  let loaded: string[];

  function resource(options: Partial<RefreshedResourceOptions<string>> = {}): RefreshedResource<string> {
    return TestBed.runInInjectionContext(
      () =>
        new RefreshedResource<string>({
          load: () =>
            new Observable<string>((subscriber) => {
              const answer = new Subject<string>();
              requests.push(answer);
              return answer.subscribe(subscriber);
            }),
          loaded: (value) => loaded.push(value),
          what: 'the list',
          ...options,
        }),
    );
  }
  const fail = (request: Subject<string> | undefined) => request?.error(new HttpErrorResponse({ status: 503, statusText: 'Service Unavailable' }));

  beforeEach(() => {
    requests = [];
    loaded = [];
  });

  it('is loading until the first answer, then ready with it', () => {
    const list = resource();
    list.reload('initial');
    expect(list.state()).toEqual({ status: 'loading' });
    expect(list.refreshing()).toBe(true);
    requests[0].next('first');
    expect(list.state()).toEqual({ status: 'ready' });
    expect(list.value()).toBe('first');
    expect(loaded).toEqual(['first']);
    expect(list.refreshing()).toBe(false);
  });

  it('shows an error until something was shown, then keeps the last answer and only says a refresh failed', () => {
    const toasts = TestBed.inject(ToastService);
    const list = resource();
    list.reload('initial');
    fail(requests[0]);
    expect(list.state()).toMatchObject({ status: 'error' });
    expect(toasts.toasts()).toEqual([]);

    list.startOver();
    requests[1].next('shown');
    list.reload('background');
    fail(requests[2]);
    expect(list.state()).toEqual({ status: 'ready' });
    expect(list.value()).toBe('shown');
    expect(list.refreshError()).toContain('503');
    expect(toasts.toasts()).toEqual([]);

    // Only a refresh the user asked for gets a toast.
    list.reload('manual');
    fail(requests[3]);
    expect(toasts.toasts()).toEqual([expect.objectContaining({ kind: 'error', message: expect.stringContaining('Could not refresh the list') })]);

    list.reload();
    requests[4].next('again');
    expect(list.refreshError()).toBeNull();
  });

  it('lets the newest reload win over an older one still on its way', () => {
    const list = resource();
    list.reload('initial');
    list.reload('manual');
    requests[0].next('old');
    requests[1].next('new');
    expect(loaded).toEqual(['new']);
  });

  it('starts over from nothing when other data is wanted', () => {
    const list = resource();
    list.reload('initial');
    requests[0].next('sales');
    list.startOver();
    expect(list.state()).toEqual({ status: 'loading' });
    expect(list.value()).toBeNull();
  });

  it('polls while the tab is visible, not while it is hidden, and catches up when it is looked at again', () => {
    const document = TestBed.inject(DOCUMENT) as unknown as TestDocument;
    resource({ pollMs: 30_000 }).reload('initial');
    jest.advanceTimersByTime(30_000);
    expect(requests).toHaveLength(2);

    document.visibilityState = 'hidden';
    jest.advanceTimersByTime(60_000);
    expect(requests).toHaveLength(2);

    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(requests).toHaveLength(3);
  });

  it('without a poll interval, loads only when asked', () => {
    const document = TestBed.inject(DOCUMENT) as unknown as TestDocument;
    resource().reload('initial');
    jest.advanceTimersByTime(600_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(requests).toHaveLength(1);
  });
});
