import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export interface InsertOptions {
  /** An earlier part: the row is written only if it yields one. */
  gate?: string | null;
  /** e.g. `ON CONFLICT DO NOTHING`. */
  onConflict?: string;
  returning?: string;
}

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

  /**
   * Adds the insert of one entity row as part `name`, its columns read from the entity's
   * metadata (so it cannot drift from the entity); columns the row leaves undefined get their
   * database default.
   */
  insert(name: string, metadata: EntityMetadata, row: object, options: InsertOptions = {}): this {
    const columns = columnsSetBy(metadata, row);
    return this.with(
      name,
      `INSERT INTO ${metadata.tableName} (${columns.map((column) => column.databaseName).join(', ')})
       SELECT ${columns.map((column) => this.column(metadata, column, row)).join(', ')}${WriteStatement.gated(options.gate ?? null)}` +
        (options.onConflict ? ` ${options.onConflict}` : '') +
        (options.returning ? ` RETURNING ${options.returning}` : ''),
    );
  }

  /**
   * Adds an UPDATE of the columns `changes` sets (read from the entity's metadata) as part
   * `name`, for the rows `where` picks (written with `param`), returning `returning`.
   */
  update(name: string, metadata: EntityMetadata, changes: object, where: string, returning: string): this {
    const set = columnsSetBy(metadata, changes).map((column) => `${column.databaseName} = ${this.column(metadata, column, changes)}`);
    return this.with(name, `UPDATE ${metadata.tableName} SET ${set.join(', ')} WHERE ${where} RETURNING ${returning}`);
  }

  /** A plain multi-row INSERT of entity rows (the columns the first row sets), as text and values. */
  static insertRows(metadata: EntityMetadata, rows: object[]): { sql: string; values: unknown[] } {
    const columns = columnsSetBy(metadata, rows[0]);
    const statement = new WriteStatement();
    const tuples = rows.map((row) => `(${columns.map((column) => statement.column(metadata, column, row)).join(', ')})`);
    return {
      sql: `INSERT INTO ${metadata.tableName} (${columns.map((column) => column.databaseName).join(', ')}) VALUES ${tuples.join(', ')}`,
      values: statement.values,
    };
  }

  /** An entity from a raw row a statement returned (`RETURNING *`), typed as TypeORM would load it. */
  static hydrate<T extends object>(metadata: EntityMetadata, raw: Record<string, unknown>): T {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      if (column.databaseName in raw) column.setEntityValue(entity, metadata.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
    }
    return entity;
  }

  private column(metadata: EntityMetadata, column: ColumnMetadata, row: object): string {
    const value: unknown = column.getEntityValue(row);
    return column.type === 'jsonb' ? this.json(value) : this.param(value, metadata.connection.driver.normalizeType(column));
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
    return await db.query<Row[]>(sql, values);
  }
}

/** Generated columns a row leaves undefined (ids, defaults) are left to the database. */
function columnsSetBy(metadata: EntityMetadata, row: object): ColumnMetadata[] {
  return metadata.columns.filter((column) => column.getEntityValue(row) !== undefined);
}
