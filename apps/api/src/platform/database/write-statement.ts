import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface InsertOptions {
  /** An earlier part: the row is written only if it yields one. */
  gate?: string | null;
  /** e.g. `ON CONFLICT DO NOTHING`. */
  onConflict?: string;
  returning?: string;
}

/** Rows per multi-row INSERT: Postgres takes at most 65,535 parameters a statement, and wide rows stay well below it. */
export const MAX_ROWS_PER_INSERT = 500;

interface Part {
  name: string;
  sql: string;
  /** Whether it yields rows (a SELECT, or a write with RETURNING): only those can gate or be read back. */
  yields: boolean;
}

/**
 * One SQL statement assembled from writes owned by several modules, as data-modifying CTEs.
 * A write that must only happen after another names it as its gate, so a single round trip
 * either does all of them or, when the gate yields no row, none after it. Every part runs in
 * the statement's implicit transaction: it commits or fails as one.
 *
 * Why: on the hot paths (a webhook is one signal, one move and its audit entry) round trips,
 * not SQL, are what the API process spends its time on.
 *
 * A module adds its parts through its own service and keeps their names to itself: `with`
 * returns the name a part got (suffixed when another part has it already, so two moves can share
 * a statement), and `write` reports what every part yielded.
 */
export class WriteStatement {
  private readonly parts: Part[] = [];
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

  /** Adds `name AS (sql)` and returns the name it got; later parts can read it, or be gated on it. */
  with(name: string, sql: string, yields = true): string {
    // Postgres cuts identifiers at 63 bytes; the cap leaves room for a suffix, so a name read back is the name written.
    if (!/^[a-z][a-z0-9_]{0,47}$/.test(name))
      throw new Error(`WriteStatement part names are lower-case identifiers of at most 48 characters, not ${JSON.stringify(name)}`);
    let unique = name;
    for (let n = 2; this.parts.some((part) => part.name === unique); n++) unique = `${name}_${n}`;
    this.parts.push({ name: unique, sql, yields });
    return unique;
  }

  /**
   * A condition true when `gate` yielded its row. It fails the whole statement (nothing is
   * written) if the gate yielded more than one: a gate stands for one write, and a gated insert
   * must not be repeated per row.
   */
  after(gate: string): string {
    const part = this.parts.find((candidate) => candidate.name === gate);
    if (!part) throw new Error(`WriteStatement has no part named ${gate} to gate on`);
    if (!part.yields) throw new Error(`WriteStatement part ${gate} yields no rows (no RETURNING), so it cannot gate another`);
    return `(SELECT true FROM ${gate})`;
  }

  /**
   * Adds the insert of one entity row, its columns read from the entity's metadata (so it cannot
   * drift from the entity); columns the row leaves undefined get their database default.
   * Returns the part's name.
   */
  insert(name: string, metadata: EntityMetadata, row: object, options: InsertOptions = {}): string {
    const columns = columnsSetBy(metadata, row);
    const gate = options.gate ? ` WHERE ${this.after(options.gate)}` : '';
    return this.with(
      name,
      `INSERT INTO ${metadata.tableName} (${columns.map((column) => column.databaseName).join(', ')})
       SELECT ${columns.map((column) => this.column(metadata, column, row)).join(', ')}${gate}` +
        (options.onConflict ? ` ${options.onConflict}` : '') +
        (options.returning ? ` RETURNING ${options.returning}` : ''),
      !!options.returning,
    );
  }

  /**
   * Adds an UPDATE of the columns `changes` sets (read from the entity's metadata) for the rows
   * `where` picks (written with `param`), returning `returning`. Returns the part's name.
   */
  update(name: string, metadata: EntityMetadata, changes: object, where: string, returning: string): string {
    const set = columnsSetBy(metadata, changes).map((column) => `${column.databaseName} = ${this.column(metadata, column, changes)}`);
    return this.with(name, `UPDATE ${metadata.tableName} SET ${set.join(', ')} WHERE ${where} RETURNING ${returning}`);
  }

  /** A plain multi-row INSERT of entity rows (the columns the first row sets), as text and values. */
  static insertRows(metadata: EntityMetadata, rows: object[]): { sql: string; values: unknown[] } {
    if (rows.length === 0) throw new Error(`insertRows into ${metadata.tableName} needs at least one row`);
    if (rows.length > MAX_ROWS_PER_INSERT)
      throw new Error(`insertRows into ${metadata.tableName} takes at most ${MAX_ROWS_PER_INSERT} rows, not ${rows.length}`);
    const columns = columnsSetBy(metadata, rows[0]);
    const statement = new WriteStatement();
    const tuples = rows.map((row) => `(${columns.map((column) => statement.column(metadata, column, row)).join(', ')})`);
    return {
      sql: `INSERT INTO ${metadata.tableName} (${columns.map((column) => column.databaseName).join(', ')}) VALUES ${tuples.join(', ')}`,
      values: statement.values,
    };
  }

  /** An entity from a raw row a statement returned (`RETURNING *`, directly or read back by `write`), typed as TypeORM would load it. */
  static hydrate<T extends object>(metadata: EntityMetadata, raw: Record<string, unknown>): T {
    const entity = metadata.create() as T;
    const driver = metadata.connection.driver;
    for (const column of metadata.columns) {
      if (!(column.databaseName in raw)) continue;
      column.setEntityValue(entity, driver.prepareHydratedValue(fromJson(raw[column.databaseName], driver.normalizeType(column), column.databaseName), column));
    }
    return entity;
  }

  private column(metadata: EntityMetadata, column: ColumnMetadata, row: object): string {
    const value: unknown = column.getEntityValue(row);
    return column.type === 'jsonb' ? this.json(value) : this.param(value, metadata.connection.driver.normalizeType(column));
  }

  /** The statement's text and values, ending in `select`. */
  build(select: string): { sql: string; values: unknown[] } {
    if (this.parts.length === 0) throw new Error('WriteStatement has no parts');
    return { sql: `WITH ${this.parts.map((part) => `${part.name} AS (${part.sql})`).join(',\n')}\n${select}`, values: this.values };
  }

  /** Runs the statement and reads back the rows every part yielded, in one round trip. */
  async write(db: DataSource | EntityManager): Promise<Written> {
    const yielding = this.parts.filter((part) => part.yields);
    const select = yielding.length ? `SELECT ${yielding.map((part) => `(SELECT jsonb_agg(r) FROM ${part.name} r) AS ${part.name}`).join(', ')}` : 'SELECT';
    const { sql, values } = this.build(select);
    const [row] = await db.query<Record<string, Record<string, unknown>[] | null>[]>(sql, values);
    return new Written(new Map(yielding.map((part) => [part.name, row[part.name] ?? []])));
  }
}

/** What each part of a statement that ran yielded (rows read back as JSON: hydrate them with `WriteStatement.hydrate`). */
export class Written {
  constructor(private readonly yields: ReadonlyMap<string, readonly Record<string, unknown>[]>) {}

  rows(part: string): readonly Record<string, unknown>[] {
    const rows = this.yields.get(part);
    if (!rows) throw new Error(`The statement had no yielding part named ${part}`);
    return rows;
  }

  /** Whether the part wrote (or selected) its row. */
  yielded(part: string): boolean {
    return this.rows(part).length > 0;
  }

  /** The part's one row, or null when it yielded none. */
  row(part: string): Record<string, unknown> | null {
    const rows = this.rows(part);
    if (rows.length > 1) throw new Error(`Part ${part} yielded ${rows.length} rows, not one`);
    return rows[0] ?? null;
  }
}

/**
 * The columns a row sets; generated columns it leaves undefined (ids, defaults) are left to the
 * database. A column this class cannot write as TypeORM would is refused, not written wrong.
 */
function columnsSetBy(metadata: EntityMetadata, row: object): ColumnMetadata[] {
  const columns = metadata.columns.filter((column) => column.getEntityValue(row) !== undefined);
  for (const column of metadata.columns) {
    const unfaithful = column.transformer
      ? 'has a value transformer'
      : column.isArray || column.type === 'json' || String(column.type).startsWith('simple-')
        ? `is ${column.isArray ? 'an array' : `a ${String(column.type)}`} column, which it does not encode`
        : column.isCreateDate || column.isUpdateDate
          ? 'is a create/update date column TypeORM fills in'
          : column.isVersion
            ? 'is a version column TypeORM increments'
            : column.isDeleteDate
              ? 'is a delete date column'
              : null;
    if (unfaithful) {
      throw new Error(`WriteStatement cannot write ${metadata.tableName}.${column.databaseName}: it ${unfaithful}; use a plain @Column and set it explicitly`);
    }
  }
  return columns;
}

/**
 * JSON gives timestamps as text and 64-bit and exact numbers as numbers; node-postgres gives
 * Dates and text. A number JSON could not carry exactly is refused rather than read wrong.
 */
function fromJson(value: unknown, type: string, column: string): unknown {
  if (value === null || value === undefined) return value;
  if (type.startsWith('timestamp') && typeof value === 'string') return new Date(value);
  if (['bigint', 'int8', 'numeric', 'decimal'].includes(type) && typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new Error(`${column} = ${value} cannot be read back exactly as JSON; return it as text (RETURNING ${column}::text)`);
    return String(value);
  }
  return value;
}
