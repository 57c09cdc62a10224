import { GroupInsert } from './group-insert';

function refused(): Error {
  return Object.assign(new Error('invalid input syntax'), { code: '22P02' });
}

describe('GroupInsert', () => {
  it('writes rows added while a write is in flight together, in the order they came', async () => {
    const writes: number[][] = [];
    const group = new GroupInsert<number>(async (rows) => void writes.push([...rows]));
    await Promise.all([1, 2, 3, 4].map((row) => group.add(row)));
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it('a row the database refuses fails alone; the others of its group are stored one by one', async () => {
    const stored: number[] = [];
    const group = new GroupInsert<number>(async (rows) => {
      if (rows.includes(3)) throw refused();
      stored.push(...rows);
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((row) => group.add(row)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(stored).toEqual([1, 2, 4]);
  });

  it('an unreachable database fails the whole group at once, and the next add writes again', async () => {
    let calls = 0;
    let down = true;
    const group = new GroupInsert<number>(async () => {
      calls += 1;
      if (down) throw new Error('connection refused');
    });
    const first = group.add(0);
    const rest = [1, 2, 3].map((row) => group.add(row));
    await expect(first).rejects.toThrow('connection refused');
    for (const pending of rest) await expect(pending).rejects.toThrow('connection refused');
    expect(calls).toBe(2);
    down = false;
    await expect(group.add(4)).resolves.toBeUndefined();
  });
});
