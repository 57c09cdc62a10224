/**
 * One item per key of a closed set (a contracts enum), checked when it is built: a gap or a
 * duplicate stops start-up with a message naming it, instead of failing on the first use.
 */
export class CompleteRegistry<K extends string, T> {
  private readonly byKey = new Map<K, T>();

  constructor(items: readonly T[], keys: readonly K[], keyOf: (item: T) => K, names: { item: string; key: string }) {
    for (const item of items) {
      const key = keyOf(item);
      if (this.byKey.has(key)) throw new Error(`Two ${names.item}s for ${names.key} "${key}"`);
      this.byKey.set(key, item);
    }
    const missing = keys.filter((key) => !this.byKey.has(key));
    if (missing.length > 0) throw new Error(`No ${names.item} for ${names.key}(s): ${missing.join(', ')}`);
  }

  for(key: K): T {
    return this.byKey.get(key)!;
  }
}
