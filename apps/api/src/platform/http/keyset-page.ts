import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem-details.filter';

const UUID = /^[0-9a-f-]{36}$/;
/** A cursor's time as `toISOString` writes it, years 0000-9999: Postgres takes every such instant (not JavaScript's ±275760 years). */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Newest-first keyset paging on (timestamp column, id): stable under inserts, unlike offsets.
 * The cursor is the last row's time and id, opaque to clients. `isId` says whether a string is an
 * id of the table (a uuid unless said otherwise) that Postgres accepts, so a forged cursor is a
 * 400, not a SQL error.
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  column: string,
  timeOf: (row: T) => Date,
  cursor: string | undefined,
  limit: number,
  isId: (id: string) => boolean = (id) => UUID.test(id),
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const alias = query.alias;
  query
    .orderBy(`${alias}.${column}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1);
  if (cursor) {
    const { at, id } = decode(cursor, isId);
    query.andWhere(new Brackets((where) => where.where(`${alias}.${column} < :at`, { at }).orWhere(`${alias}.${column} = :at AND ${alias}.id < :id`, { id })));
  }
  const rows = await query.getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? Buffer.from(`${timeOf(last).toISOString()}|${last.id}`).toString('base64url') : null;
  return { rows: page, nextCursor };
}

function decode(cursor: string, isId: (id: string) => boolean): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !CURSOR_TIME.test(at) || Number.isNaN(Date.parse(at)) || !isId(id ?? '')) {
    const message = 'cursor is not a next_cursor from a previous page';
    throw new ProblemException(400, 'validation-failed', message, { errors: [{ field: 'cursor', messages: [message] }] });
  }
  return { at, id };
}
