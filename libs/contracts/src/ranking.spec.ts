import type { CommandQueueMove } from './command-queue';
import { RANKING_ORDER, compareByRank } from './ranking';

type Ranked = Pick<CommandQueueMove, 'aps' | 'due_at' | 'created_at' | 'id'>;
const move = (id: string, overrides: Partial<Ranked> = {}): Ranked => ({
  id,
  aps: 0.5,
  due_at: '2026-12-02T09:00:00Z',
  created_at: '2026-12-01T09:00:00Z',
  ...overrides,
});
const ranked = (moves: Ranked[]) => [...moves].sort(compareByRank).map((m) => m.id);

describe('compareByRank', () => {
  it('puts the highest APS first', () => {
    expect(ranked([move('a', { aps: 0.2 }), move('b', { aps: 0.9 }), move('c', { aps: 0.5 })])).toEqual(['b', 'c', 'a']);
  });

  it('breaks an APS tie by the earliest due date, a move without one last', () => {
    expect(ranked([move('a', { due_at: null }), move('b', { due_at: '2026-12-03T00:00:00Z' }), move('c', { due_at: '2026-12-01T12:00:00Z' })])).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('breaks an APS and due tie by age, the oldest first', () => {
    expect(ranked([move('a', { created_at: '2026-12-01T10:00:00Z' }), move('b', { created_at: '2026-11-30T10:00:00Z' })])).toEqual(['b', 'a']);
  });

  it('breaks a full tie by id as Postgres orders uuids (hex digits before letters, by code unit)', () => {
    const ids = ['b0000000-0000-4000-8000-000000000000', '90000000-0000-4000-8000-000000000000', 'a0000000-0000-4000-8000-000000000000'];
    expect(ranked(ids.map((id) => move(id)))).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('is the order the API sorts by, key for key', () => {
    expect(RANKING_ORDER.map((key) => `${key.column} ${key.direction}${'nulls' in key ? ' NULLS LAST' : ''}`)).toEqual([
      'aps DESC',
      'due_at ASC NULLS LAST',
      'created_at ASC',
      'id ASC',
    ]);
  });
});
