import type { DataSource, EntityManager } from 'typeorm';

/**
 * One SQL statement assembled from writes owned by several modules, as data-modifying CTEs.
 * A write that must only happen after another names it as its gate (`FROM gate`), so a single
 * round trip either does all of them or, when the gate yields no row, none after it. Every
 * part runs in the statement's implicit transaction: it commits or fails as one.
 *
 * Why: on the hot paths (a webhook is one signal, one move and its audit entry) round trips,
 * not SQL, are what the API process spends its time on.
 */
export class WriteStatement {
  private readonly parts: string[] = [];
  private readonly names = new Set<string>();
  private readonly values: unknown[] = [];

  /** A placeholder for a value, cast so INSERT … SELECT needs no type inference. */
  param(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }

  /** jsonb is passed as text: node-postgres would turn a JS array into a Postgres array. */
  json(value: unknown): string {
    return this.param(value === null || value === undefined ? null : JSON.stringify(value), 'jsonb');
  }

  /** Adds `name AS (sql)`; later parts can read it, or be gated on it. */
  with(name: string, sql: string): this {
    // Part names are fixed per module: the same part twice would be a composition mistake.
    if (this.names.has(name)) throw new Error(`WriteStatement already has a part named ${name}`);
    this.names.add(name);
    this.parts.push(`${name} AS (${sql})`);
    return this;
  }

  /** `FROM gate` when the write depends on an earlier part, nothing when it stands alone. */
  static gated(gate: string | null): string {
    return gate ? ` FROM ${gate}` : '';
  }

  /** The statement's text and values, ending in `select` (what the caller wants back). */
  build(select: string): { sql: string; values: unknown[] } {
    return { sql: `WITH ${this.parts.join(',\n')}\n${select}`, values: this.values };
  }

  async run<Row>(db: DataSource | EntityManager, select: string): Promise<Row[]> {
    const { sql, values } = this.build(select);
    return (await db.query(sql, values)) as Row[];
  }
}
