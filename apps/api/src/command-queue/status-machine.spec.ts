import { QUEUE_ITEM_STATUSES } from '@caseyos/contracts';
import { TRANSITIONS, allowedSources, canTransition } from './status-machine';

describe('queue item status machine', () => {
  it.each([
    ['pending', 'accepted'],
    ['pending', 'dismissed'],
    ['pending', 'snoozed'],
    ['accepted', 'executing'],
    ['executing', 'completed'],
    ['executing', 'failed'],
    ['completed', 'rolled_back'],
    ['snoozed', 'pending'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('allows nothing else', () => {
    const legal = Object.values(TRANSITIONS).reduce((sum, targets) => sum + targets.length, 0);
    expect(legal).toBe(8);
    expect(canTransition('dismissed', 'pending')).toBe(false);
    expect(canTransition('accepted', 'dismissed')).toBe(false);
    expect(canTransition('completed', 'pending')).toBe(false);
  });

  it('covers every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...QUEUE_ITEM_STATUSES].sort());
  });

  it('finds the legal sources of a target', () => {
    expect(allowedSources('pending')).toEqual(['snoozed']);
    expect(allowedSources('executing')).toEqual(['accepted']);
  });
});
