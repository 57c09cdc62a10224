import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CommandQueueMove, QueueChangedEvent } from '@caseyos/contracts';
import { TestDocument } from '../../../test-setup';
import { ToastService } from '../toast/toast.service';
import { URGENT_APS, UrgentMoveAlerts } from './urgent-move-alerts.service';

/** The browser's Notification API: a permission the test sets, and the notifications shown. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = jest.fn(() => {
    FakeNotification.permission = FakeNotification.answer;
    return Promise.resolve(FakeNotification.answer);
  });

  onclick: (() => void) | null = null;

  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }

  close(): void {}
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const STORAGE_KEY = 'caseyos.notify.urgent-moves';

function created(aps: number, type: QueueChangedEvent['type'] = 'queue.item.created'): QueueChangedEvent {
  const item = {
    id: `move-${aps}`,
    title: 'Reply to Dana',
    aps,
    contact_name: 'Dana Lee',
    contact_email: 'dana@acme.test',
    company: 'Acme',
    reasons: ['Asked for a demo'],
  };
  return { type, item: item as CommandQueueMove };
}

describe('UrgentMoveAlerts', () => {
  let storage: MemoryStorage;
  let document: TestDocument;
  const errors: string[] = [];

  beforeEach(() => {
    storage = new MemoryStorage();
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'granted';
    FakeNotification.shown = [];
    FakeNotification.requestPermission.mockClear();
    errors.length = 0;
    Object.assign(globalThis, { Notification: FakeNotification, localStorage: storage });
    TestBed.configureTestingModule({
      providers: [{ provide: ToastService, useValue: { success: () => undefined, error: (message: string) => errors.push(message) } }],
    });
    document = TestBed.inject<TestDocument>(DOCUMENT);
    document.visibilityState = 'hidden';
  });

  afterEach(() => {
    delete (globalThis as Partial<typeof globalThis>).Notification;
    delete (globalThis as Partial<typeof globalThis>).localStorage;
  });

  it('asks for permission when turned on, and remembers the choice in this browser', async () => {
    const alerts = TestBed.inject(UrgentMoveAlerts);
    expect(alerts.enabled()).toBe(false);
    await alerts.toggle();
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(alerts.enabled()).toBe(true);
    expect(storage.getItem(STORAGE_KEY)).toBe('true');

    TestBed.resetTestingModule();
    expect(TestBed.inject(UrgentMoveAlerts).enabled()).toBe(true); // a later visit

    await TestBed.inject(UrgentMoveAlerts).toggle();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('stays off, and says why, when the browser refuses notifications', async () => {
    FakeNotification.answer = 'denied';
    const alerts = TestBed.inject(UrgentMoveAlerts);
    await alerts.toggle();
    expect(alerts.enabled()).toBe(false);
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect(errors).toEqual([expect.stringMatching(/blocks notifications/)]);
  });

  it('notifies of a new move above the threshold while the tab is hidden, tagged with the move (one per move across tabs)', async () => {
    const alerts = TestBed.inject(UrgentMoveAlerts);
    await alerts.toggle();
    alerts.notice(created(0.95));
    expect(FakeNotification.shown).toHaveLength(1);
    const [shown] = FakeNotification.shown;
    expect(shown.title).toBe('Urgent move: Reply to Dana');
    expect(shown.options).toEqual({ body: 'APS 95 · Dana Lee, Acme · Asked for a demo', tag: 'caseyos-move-move-0.95' });
  });

  it('stays quiet for a visible tab, a move at or below the threshold, an update, or alerts turned off', async () => {
    const alerts = TestBed.inject(UrgentMoveAlerts);
    alerts.notice(created(0.99)); // not opted in
    await alerts.toggle();
    alerts.notice(created(URGENT_APS));
    alerts.notice(created(0.97, 'queue.item.updated'));
    document.visibilityState = 'visible';
    alerts.notice(created(0.98));
    expect(FakeNotification.shown).toHaveLength(0);

    document.visibilityState = 'hidden';
    FakeNotification.permission = 'denied'; // revoked in the browser's settings
    alerts.notice(created(0.98));
    expect(FakeNotification.shown).toHaveLength(0);
    expect(alerts.enabled()).toBe(false);
  });
});
