import { ACTIONABLE_STATUSES, QUEUE_ITEM_STATUSES } from '@caseyos/contracts';
import { TRANSITIONS, allowedSources, canTransition } from './status-machine';

describe('queue item status machine', () => {
  it.each([
    ['pending', 'accepted'],
    ['pending', 'dismissed'],
    ['pending', 'snoozed'],
    ['pending', 'executing'],
    ['pending', 'completed'],
    ['accepted', 'executing'],
    ['accepted', 'completed'],
    ['accepted', 'dismissed'],
    ['failed', 'executing'],
    ['failed', 'completed'],
    ['failed', 'dismissed'],
    ['executing', 'completed'],
    ['executing', 'failed'],
    ['completed', 'rolled_back'],
    ['snoozed', 'pending'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('allows nothing else', () => {
    const legal = Object.values(TRANSITIONS).reduce((sum, targets) => sum + targets.length, 0);
    expect(legal).toBe(15);
    expect(canTransition('dismissed', 'pending')).toBe(false);
    expect(canTransition('executing', 'dismissed')).toBe(false);
    expect(canTransition('rolled_back', 'executing')).toBe(false);
    expect(canTransition('completed', 'pending')).toBe(false);
  });

  it('covers every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...QUEUE_ITEM_STATUSES].sort());
  });

  it('executes and finishes by hand from the actionable statuses', () => {
    expect(allowedSources('executing')).toEqual([...ACTIONABLE_STATUSES]);
    expect(allowedSources('dismissed')).toEqual([...ACTIONABLE_STATUSES]);
  });

  it('finds the legal sources of a target', () => {
    expect(allowedSources('pending')).toEqual(['snoozed']);
    expect(allowedSources('executing')).toEqual(['pending', 'accepted', 'failed']);
  });
});
