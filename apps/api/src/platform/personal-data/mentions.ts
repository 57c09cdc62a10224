import type { EntityManager, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ContactAddress } from './contact-address';

const TEXT_TYPES = new Set(['text', 'character varying', 'varchar', 'character', 'char', 'citext']);
const JSON_TYPES = new Set(['jsonb', 'json']);

/**
 * SQL for finding and scrubbing an address in every text and JSON column of a table, read from the
 * entity's metadata: a column added later is searched without anyone remembering to.
 * `param` is the placeholder that holds `ContactAddress.pattern` (e.g. `$1`).
 */
export class Mentions {
  private constructor(
    private readonly metadata: EntityMetadata,
    private readonly columns: readonly ColumnMetadata[],
  ) {}

  /** Every searchable column; `keys: false` leaves out the primary key (a key is never rewritten). */
  static of(metadata: EntityMetadata, options: { keys: boolean } = { keys: false }): Mentions {
    const driver = metadata.connection.driver;
    const columns = metadata.columns.filter((column) => {
      const type = driver.normalizeType(column);
      return (TEXT_TYPES.has(type) || JSON_TYPES.has(type)) && (options.keys || !column.isPrimary);
    });
    return new Mentions(metadata, columns);
  }

  /** True for a row where any searchable column mentions the address (`alias.` before each column when given). */
  condition(param: string, alias?: string): string {
    if (this.columns.length === 0) return 'false';
    return `(${this.columns.map((column) => `${this.asText(column, alias)} ~* ${param}`).join(' OR ')})`;
  }

  /** Rows mentioning the address get it replaced by `[erased]` in every column it appears in; the primary keys of the rows changed, as text. */
  async scrub(manager: EntityManager, address: ContactAddress): Promise<string[]> {
    if (this.columns.length === 0) return [];
    const set = this.columns.map((column) => {
      const name = quoted(column.databaseName);
      const type = this.metadata.connection.driver.normalizeType(column);
      const replaced = `regexp_replace(${this.asText(column)}, $1, $2, 'gi')${JSON_TYPES.has(type) ? `::${type}` : ''}`;
      return `${name} = CASE WHEN ${this.asText(column)} ~* $1 THEN ${replaced} ELSE ${name} END`;
    });
    const key = quoted(this.metadata.primaryColumns[0].databaseName);
    const [rows] = await manager.query<[{ key: string }[], number]>(
      `UPDATE ${quoted(this.metadata.tableName)} SET ${set.join(', ')} WHERE ${this.condition('$1')} RETURNING ${key}::text AS key`,
      [address.pattern, ContactAddress.replacement],
    );
    return rows.map((row) => row.key);
  }

  /** Deletes the rows mentioning the address; how many went. */
  async delete(manager: EntityManager, address: ContactAddress): Promise<number> {
    if (this.columns.length === 0) return 0;
    const [, deleted] = await manager.query<[unknown, number]>(`DELETE FROM ${quoted(this.metadata.tableName)} WHERE ${this.condition('$1')}`, [
      address.pattern,
    ]);
    return deleted;
  }

  private asText(column: ColumnMetadata, alias?: string): string {
    const name = `${alias ? `${alias}.` : ''}${quoted(column.databaseName)}`;
    return JSON_TYPES.has(this.metadata.connection.driver.normalizeType(column)) ? `${name}::text` : name;
  }
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
