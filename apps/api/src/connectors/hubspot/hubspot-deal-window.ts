export interface WindowItem {
  id: string;
  /** hs_lastmodifieddate in epoch ms. */
  modifiedAt: number;
}

export interface WindowPage<T extends WindowItem> {
  results: T[];
  /** HubSpot's numeric `after` offset of the next page, if there is one. */
  nextAfter?: string;
}

/** One search: modified at or after `sinceMs`, oldest first, from offset `after`. */
export type FetchWindowPage<T extends WindowItem> = (sinceMs: number, after: string | undefined) => Promise<WindowPage<T>>;

export interface WindowLimits {
  pageSize: number;
  /** HubSpot refuses pages past this many results of one query (10,000). */
  resultCap: number;
  maxPages: number;
}

export interface WindowResult<T extends WindowItem> {
  items: T[];
  /** Newest modification seen (or `sinceMs`): the next sync starts here, inclusively. */
  cursorMs: number;
  /** False when maxPages stopped the walk early; the cursor still marks how far it got. */
  complete: boolean;
}

/**
 * Walks "modified since" search results past HubSpot's cap: when the next page would start
 * beyond it, the query restarts at the newest modification seen so far (the window moves
 * forward), and records seen again at that boundary are dropped. A record modified again during
 * the walk keeps its newest version.
 */
export async function walkModifiedSince<T extends WindowItem>(sinceMs: number, fetchPage: FetchWindowPage<T>, limits: WindowLimits): Promise<WindowResult<T>> {
  const latest = new Map<string, T>();
  let windowStart = sinceMs;
  let cursorMs = sinceMs;
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(windowStart, after);
    for (const item of page.results) {
      const known = latest.get(item.id);
      if (!known || known.modifiedAt < item.modifiedAt) latest.set(item.id, item);
      cursorMs = Math.max(cursorMs, item.modifiedAt);
    }
    const done = !page.nextAfter || page.results.length === 0;
    if (done || pages >= limits.maxPages) {
      const items = [...latest.values()].sort((a, b) => a.modifiedAt - b.modifiedAt || compareIds(a.id, b.id));
      return { items, cursorMs, complete: done };
    }
    const nextOffset = Number(page.nextAfter);
    if (Number.isFinite(nextOffset) && nextOffset + limits.pageSize > limits.resultCap) {
      // More than a cap's worth modified in the same millisecond cannot be walked; skip ahead rather than loop.
      windowStart = cursorMs > windowStart ? cursorMs : windowStart + 1;
      after = undefined;
    } else {
      after = page.nextAfter;
    }
  }
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
