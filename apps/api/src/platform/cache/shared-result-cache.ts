interface Entry<T> {
  at: number;
  pending: Promise<T>;
  /** The last value that finished computing, served while a newer one is on its way. */
  settled?: T;
  refreshing: boolean;
}

export interface SharedResultCacheOptions {
  /**
   * Serve the last value while a refresh runs once an entry expired (default), so expiry never
   * stalls a request; false for values that must never be older than the TTL (credentials).
   */
  serveStale?: boolean;
  /** Keys kept at most; the oldest goes first (default 1,000). */
  maxEntries?: number;
}

/**
 * Remembers a computed value per key for a short time. Concurrent callers share one
 * computation instead of stampeding the database; once an entry expires, callers get the last
 * value while one refresh runs (stale-while-revalidate), so expiry never stalls a request.
 * clear() drops everything: after a change nobody is served an older value. Failures are
 * not remembered.
 */
export class SharedResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly serveStale: boolean;
  private readonly maxEntries: number;

  constructor(
    private readonly ttlMs: number,
    options: SharedResultCacheOptions = {},
  ) {
    this.serveStale = options.serveStale ?? true;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  get(key: string, now: number, compute: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (!entry) return this.start(key, now, compute).pending;
    if (now - entry.at < this.ttlMs) return entry.pending;
    if (!this.serveStale) {
      this.entries.delete(key);
      return this.start(key, now, compute).pending;
    }
    if (entry.settled === undefined) return entry.pending;
    if (!entry.refreshing) {
      entry.refreshing = true;
      this.start(key, now, compute, entry.settled).pending.catch(() => undefined);
    }
    return Promise.resolve(entry.settled);
  }

  clear(): void {
    this.entries.clear();
  }

  private start(key: string, now: number, compute: () => Promise<T>, previous?: T): Entry<T> {
    const entry: Entry<T> = { at: now, pending: compute(), settled: previous, refreshing: false };
    const replaced = this.entries.get(key);
    if (!replaced && this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    // While refreshing, the old entry keeps serving; the new one takes over when it is done.
    if (!replaced || previous === undefined) this.entries.set(key, entry);
    entry.pending.then(
      (value) => {
        entry.settled = value;
        if (this.entries.get(key) === replaced && previous !== undefined) this.entries.set(key, entry);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        if (replaced && this.entries.get(key) === replaced) replaced.refreshing = false;
      },
    );
    return entry;
  }
}
