import { googleErrors } from '../http/google-errors';
import { decodeOpaqueToken, encodeOpaqueToken } from '../http/opaque-token';
import { pageSize } from './gmail-request-params';

/** Keyset cursor over a newest-first listing: the date and id of the last item served. */
export interface ListCursor {
  d: number;
  i: string;
}

const isCursor = (value: unknown): value is ListCursor => typeof (value as ListCursor)?.d === 'number' && typeof (value as ListCursor)?.i === 'string';

const newestFirst = (a: ListCursor, b: ListCursor) => b.d - a.d || (a.i < b.i ? 1 : a.i > b.i ? -1 : 0);

/** One page of a newest-first listing (maxResults, pageToken); keyset paging keeps pages stable while mail arrives. */
export function newestFirstPage<T>(items: T[], key: (item: T) => ListCursor, query: Record<string, unknown>): { items: T[]; nextPageToken?: string } {
  let sorted = [...items].sort((a, b) => newestFirst(key(a), key(b)));
  if (query.pageToken !== undefined) {
    const cursor = decodeOpaqueToken(String(query.pageToken), isCursor);
    if (!cursor) throw googleErrors.gmailInvalid('Invalid pageToken');
    sorted = sorted.filter((item) => newestFirst(cursor, key(item)) < 0);
  }
  const size = pageSize(query.maxResults);
  const slice = sorted.slice(0, size);
  return { items: slice, nextPageToken: sorted.length > size ? encodeOpaqueToken(key(slice[slice.length - 1])) : undefined };
}
