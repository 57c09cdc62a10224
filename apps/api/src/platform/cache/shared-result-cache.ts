interface Entry<T> {
  at: number;
  pending: Promise<T>;
  /** The last value that finished computing, served while a newer one is on its way. */
  settled?: T;
  refreshing: boolean;
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

  constructor(private readonly ttlMs: number) {}

  get(key: string, now: number, compute: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (!entry) return this.start(key, now, compute).pending;
    if (now - entry.at < this.ttlMs || entry.settled === undefined) return entry.pending;
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
