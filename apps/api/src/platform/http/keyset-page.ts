import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from './problem-details.filter';

const UUID = /^[0-9a-f-]{36}$/;

/**
 * Newest-first keyset paging on (timestamp column, id): stable under inserts, unlike offsets.
 * The cursor is the last row's time and id, opaque to clients. `idFormat` is what an id of the
 * table looks like (a uuid unless said otherwise), so a forged cursor is a 400, not a SQL error.
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  column: string,
  timeOf: (row: T) => Date,
  cursor: string | undefined,
  limit: number,
  idFormat: RegExp = UUID,
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const alias = query.alias;
  query
    .orderBy(`${alias}.${column}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1);
  if (cursor) {
    const { at, id } = decode(cursor, idFormat);
    query.andWhere(new Brackets((where) => where.where(`${alias}.${column} < :at`, { at }).orWhere(`${alias}.${column} = :at AND ${alias}.id < :id`, { id })));
  }
  const rows = await query.getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? Buffer.from(`${timeOf(last).toISOString()}|${last.id}`).toString('base64url') : null;
  return { rows: page, nextCursor };
}

function decode(cursor: string, idFormat: RegExp): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !idFormat.test(id ?? '')) {
    const message = 'cursor is not a next_cursor from a previous page';
    throw new ProblemException(400, 'validation-failed', message, { errors: [{ field: 'cursor', messages: [message] }] });
  }
  return { at, id };
}
