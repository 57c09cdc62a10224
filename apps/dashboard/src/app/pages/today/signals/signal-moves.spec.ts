import { MoveSummary, SignalListItem } from '@caseyos/contracts';
import { newerMove, outcomeOf, stillNewer } from './signal-moves';

function summary(id: string, version: number, overrides: Partial<MoveSummary> = {}): MoveSummary {
  return { id, version, status: 'pending', title: `Move ${id}`, aps: 0.5, domain: 'sales', action_type: 'send_email', ...overrides };
}

function signal(id: string, move: MoveSummary | null, overrides: Partial<SignalListItem> = {}): SignalListItem {
  return {
    id,
    source: 'form',
    kind: 'demo_request',
    contact_email: null,
    company: null,
    external_id: null,
    payload: {},
    received_at: '2026-01-01T00:00:00.000Z',
    processed_at: '2026-01-01T00:00:01.000Z',
    item_id: move?.id ?? null,
    rule: null,
    classification: null,
    move,
    ...overrides,
  };
}

const none: ReadonlyMap<string, MoveSummary> = new Map();

describe("a signal's move", () => {
  it('is the newer of two copies, whichever comes first', () => {
    const old = summary('m', 1);
    const fresh = summary('m', 2, { status: 'accepted' });
    expect(newerMove(old, fresh)).toBe(fresh);
    expect(newerMove(fresh, old)).toBe(fresh);
    expect(newerMove(null, old)).toBe(old);
    expect(newerMove(undefined, null)).toBeNull();
  });

  it("is the newest of the list's, the stream's and Today's copies, Today's on a tie", () => {
    const listed = signal('s', summary('m', 1));
    expect(outcomeOf(listed, none, none)).toEqual({ state: 'move', move: summary('m', 1), inToday: false });

    const heard = new Map([['m', summary('m', 3, { status: 'dismissed' })]]);
    expect(outcomeOf(listed, heard, none)).toMatchObject({ state: 'move', move: { status: 'dismissed' }, inToday: false });

    const stale = new Map([['m', summary('m', 0, { status: 'completed' })]]);
    expect(outcomeOf(listed, stale, none)).toMatchObject({ move: { version: 1, status: 'pending' } });

    // Today's copy carries the user's own change of a second ago (an optimistic accept, same version).
    const today = new Map([['m', summary('m', 1, { status: 'accepted' })]]);
    expect(outcomeOf(listed, none, today)).toMatchObject({ state: 'move', move: { status: 'accepted' }, inToday: true });
    // A reload of Today that left before the stream's change landed does not undo it.
    expect(outcomeOf(listed, heard, today)).toMatchObject({ state: 'move', move: { version: 3, status: 'dismissed' }, inToday: true });
  });

  it('is said to be gone when the signal made one the API no longer has', () => {
    expect(outcomeOf(signal('s', null, { item_id: 'm' }), none, none)).toEqual({ state: 'move-gone' });
  });

  it('is none for a processed signal that made none, and still coming for one not processed yet', () => {
    expect(outcomeOf(signal('s', null), none, none)).toEqual({ state: 'no-move' });
    expect(outcomeOf(signal('s', null, { processed_at: null }), none, none)).toEqual({ state: 'processing' });
  });

  it('heard on the stream is kept past a reload only while it is newer than the list and the list shows it', () => {
    const heard = new Map([
      ['newer', summary('newer', 3)],
      ['caught-up', summary('caught-up', 2)],
      ['unlisted', summary('unlisted', 9)],
    ]);
    const items = [signal('a', summary('newer', 2)), signal('b', summary('caught-up', 2))];
    expect([...stillNewer(heard, items).keys()]).toEqual(['newer']);
  });
});
