/**
 * Values the server has shown (ids, contacts, companies, cursors), so generated requests can name
 * things that exist and reach past the 404s. A request holds a `KnownValue` placeholder, resolved
 * against what has been seen by the time it is sent.
 */
export type Pool = 'id' | 'email' | 'company' | 'cursor';

export class KnownValue {
  constructor(
    readonly pool: Pool,
    /** Which of the pool's values, modulo its size. */
    readonly pick: number,
  ) {}
}

const CAPACITY = 200;
const FALLBACK: Record<Pool, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'nobody@fuzz.example.com',
  company: 'Fuzz Inc',
  cursor: 'eyJ9',
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const FIELDS: [Pool, RegExp][] = [
  ['email', /"(?:contact_email|email)":"([^"\\]{1,254})"/g],
  ['company', /"company":"([^"\\]{1,200})"/g],
  ['cursor', /"next_cursor":"([^"\\]{1,200})"/g],
];

export class KnownValues {
  private readonly pools: Record<Pool, string[]> = { id: [], email: [], company: [], cursor: [] };

  /** Takes note of what a JSON answer names. */
  learnFrom(json: string): void {
    for (const [id] of json.matchAll(UUID)) this.remember('id', id);
    for (const [pool, pattern] of FIELDS) for (const [, value] of json.matchAll(pattern)) this.remember(pool, value);
  }

  resolve(value: KnownValue): string {
    const pool = this.pools[value.pool];
    return pool.length > 0 ? pool[value.pick % pool.length] : FALLBACK[value.pool];
  }

  /** A copy of a JSON value with every placeholder resolved. */
  resolveDeep(value: unknown): unknown {
    if (value instanceof KnownValue) return this.resolve(value);
    if (Array.isArray(value)) return value.map((item) => this.resolveDeep(item));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.resolveDeep(item)]));
    return value;
  }

  private remember(pool: Pool, value: string): void {
    const values = this.pools[pool];
    if (values.includes(value)) return;
    values.push(value);
    if (values.length > CAPACITY) values.shift();
  }
}
