import { WindowItem, WindowPage, walkModifiedSince } from './hubspot-deal-window';

/** HubSpot's search as far as the walk cares: GTE filter, ascending sort, offset paging, a hard cap. */
function fakeSearch(records: WindowItem[], pageSize: number, cap: number) {
  const requests: { sinceMs: number; after?: string }[] = [];
  const fetch = async (sinceMs: number, after: string | undefined): Promise<WindowPage<WindowItem>> => {
    requests.push({ sinceMs, after });
    const offset = Number(after ?? 0);
    if (offset + pageSize > cap) throw new Error(`400: paged past the ${cap}-result cap`);
    const matching = records.filter((r) => r.modifiedAt >= sinceMs).sort((a, b) => a.modifiedAt - b.modifiedAt || Number(a.id) - Number(b.id));
    const results = matching.slice(offset, offset + pageSize);
    return { results, nextAfter: offset + pageSize < matching.length ? String(offset + pageSize) : undefined };
  };
  return { fetch, requests };
}

const deal = (id: number, modifiedAt: number): WindowItem => ({ id: String(id), modifiedAt });

describe('walkModifiedSince', () => {
  it('pages within the cap without moving the window', async () => {
    const records = Array.from({ length: 9 }, (_, i) => deal(i + 1, 1000 + i));
    const search = fakeSearch(records, 4, 100);
    const result = await walkModifiedSince(1000, search.fetch, { pageSize: 4, resultCap: 100, maxPages: 10 });
    expect(result.items.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(result.cursorMs).toBe(1008);
    expect(result.complete).toBe(true);
    expect(search.requests).toEqual([
      { sinceMs: 1000, after: undefined },
      { sinceMs: 1000, after: '4' },
      { sinceMs: 1000, after: '8' },
    ]);
  });

  it('moves the window to the newest modification seen before passing the cap, dropping boundary repeats', async () => {
    // Two deals share each timestamp, so every restart sees the boundary twins again.
    const records = Array.from({ length: 30 }, (_, i) => deal(i + 1, 5000 + Math.floor(i / 2) * 10));
    const search = fakeSearch(records, 4, 8);
    const result = await walkModifiedSince(0, search.fetch, { pageSize: 4, resultCap: 8, maxPages: 50 });
    expect(result.items.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(result.cursorMs).toBe(5140);
    expect(result.complete).toBe(true);
    const restarts = search.requests.filter((r) => r.after === undefined).map((r) => r.sinceMs);
    expect(restarts[0]).toBe(0);
    expect(restarts.length).toBeGreaterThan(3);
    // Each window starts at the newest timestamp of the one before: strictly forward.
    for (let i = 1; i < restarts.length; i++) expect(restarts[i]).toBeGreaterThan(restarts[i - 1]);
  });

  it('keeps the newest version of a deal modified again during the walk', async () => {
    const pages: WindowPage<WindowItem>[] = [{ results: [deal(1, 10), deal(2, 20)], nextAfter: '2' }, { results: [deal(3, 30), deal(1, 40)] }];
    const result = await walkModifiedSince(0, async (_since, after) => pages[after ? 1 : 0], { pageSize: 2, resultCap: 100, maxPages: 5 });
    expect(result.items).toEqual([deal(2, 20), deal(3, 30), deal(1, 40)]);
    expect(result.cursorMs).toBe(40);
  });

  it('skips ahead instead of looping when more than a cap of deals share one millisecond', async () => {
    const records = [...Array.from({ length: 12 }, (_, i) => deal(i + 1, 7000)), deal(13, 7005)];
    const search = fakeSearch(records, 4, 8);
    const result = await walkModifiedSince(7000, search.fetch, { pageSize: 4, resultCap: 8, maxPages: 20 });
    expect(result.items.at(-1)).toEqual(deal(13, 7005));
    expect(result.complete).toBe(true);
    expect(search.requests.length).toBeLessThan(10);
  });

  it('stops at maxPages and says so, with the cursor as far as it got', async () => {
    const records = Array.from({ length: 20 }, (_, i) => deal(i + 1, 100 + i));
    const search = fakeSearch(records, 5, 10_000);
    const result = await walkModifiedSince(0, search.fetch, { pageSize: 5, resultCap: 10_000, maxPages: 2 });
    expect(result.items).toHaveLength(10);
    expect(result.cursorMs).toBe(109);
    expect(result.complete).toBe(false);
  });

  it('returns the starting cursor when nothing changed', async () => {
    const result = await walkModifiedSince(123, fakeSearch([], 5, 100).fetch, { pageSize: 5, resultCap: 100, maxPages: 2 });
    expect(result).toEqual({ items: [], cursorMs: 123, complete: true });
  });
});
