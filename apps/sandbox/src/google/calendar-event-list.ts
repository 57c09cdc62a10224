import { googleErrors } from '../http/google-errors';
import { decodeOpaqueToken, encodeOpaqueToken } from '../http/opaque-token';
import { type CalendarEvent, type CalendarStore, eventTimeMs } from '../world/calendar-store';

/** Where a listing continues: after the last (sort key, id) served, within the same snapshot. */
interface ListCursor {
  key: number;
  id: string;
  /** Change sequence when the listing began; the final page's sync token points here. */
  snap: number;
  /** Set for incremental sync: changes after this sequence number. */
  since?: number;
}

interface SyncToken {
  g: string;
  s: number;
}

const isCursor = (v: unknown): v is ListCursor =>
  typeof (v as ListCursor)?.key === 'number' && typeof (v as ListCursor)?.id === 'string' && typeof (v as ListCursor)?.snap === 'number';
const isSyncToken = (v: unknown): v is SyncToken => typeof (v as SyncToken)?.g === 'string' && typeof (v as SyncToken)?.s === 'number';

/** Parameters Google refuses to combine with a sync token. */
const NOT_WITH_SYNC_TOKEN = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];

export interface EventPage {
  items: CalendarEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

/**
 * events.list: a full listing (filters, showDeleted) or, with a sync token, every event changed
 * since that token, cancelled ones included. Pages are keyset-based, and the last page carries
 * a sync token for the state when the listing began. Tokens of an earlier world get 410.
 */
export function listEvents(calendar: CalendarStore, query: Record<string, unknown>): EventPage {
  const cursor = query.pageToken === undefined ? undefined : decodeOpaqueToken(String(query.pageToken), isCursor);
  if (query.pageToken !== undefined && !cursor) throw googleErrors.calendarInvalid('Invalid page token value.');
  let since = cursor?.since;
  if (!cursor && query.syncToken !== undefined) {
    const token = decodeOpaqueToken(String(query.syncToken), isSyncToken);
    if (!token || token.g !== calendar.generation) throw googleErrors.calendarFullSyncRequired();
    since = token.s;
  }
  if (since !== undefined) {
    const clash = NOT_WITH_SYNC_TOKEN.find((name) => query[name] !== undefined);
    if (clash) throw googleErrors.calendarInvalid(`The parameter ${clash} cannot be used together with syncToken.`);
  }
  if (query.orderBy === 'startTime' && query.singleEvents !== 'true') {
    throw googleErrors.calendarInvalid('The requested ordering is not available for the particular query.');
  }
  const maxResults = query.maxResults === undefined ? 250 : Number(query.maxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1) throw googleErrors.calendarInvalid('Invalid value for maxResults.');

  const candidates = since !== undefined ? calendar.changedSince(since) : [...calendar.events.values()].filter(fullListFilter(query));
  const sortKey = (e: CalendarEvent) => (query.orderBy === 'startTime' ? eventTimeMs(e.fields.start) : query.orderBy === 'updated' ? e.updated : 0);
  const compare = (a: { key: number; id: string }, b: { key: number; id: string }) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const remaining = candidates
    .map((event) => ({ event, key: sortKey(event), id: event.id }))
    .sort(compare)
    .filter((item) => !cursor || compare(item, cursor) > 0);
  const pageItems = remaining.slice(0, Math.min(maxResults, 2500));
  const snap = cursor?.snap ?? calendar.changeSeq;
  if (remaining.length > pageItems.length) {
    const last = pageItems[pageItems.length - 1];
    return { items: pageItems.map((i) => i.event), nextPageToken: encodeOpaqueToken({ key: last.key, id: last.id, snap, since }) };
  }
  return { items: pageItems.map((i) => i.event), nextSyncToken: encodeOpaqueToken({ g: calendar.generation, s: snap }) };
}

function fullListFilter(query: Record<string, unknown>): (event: CalendarEvent) => boolean {
  const timeMin = query.timeMin === undefined ? undefined : Date.parse(String(query.timeMin));
  const timeMax = query.timeMax === undefined ? undefined : Date.parse(String(query.timeMax));
  const updatedMin = query.updatedMin === undefined ? undefined : Date.parse(String(query.updatedMin));
  if ([timeMin, timeMax, updatedMin].some((t) => t !== undefined && Number.isNaN(t))) {
    throw googleErrors.calendarInvalid('Bad Request');
  }
  const text = typeof query.q === 'string' ? query.q.toLowerCase() : undefined;
  return (event) => {
    // With updatedMin, events deleted since then are listed whatever showDeleted says.
    const deletedButShown = query.showDeleted === 'true' || (updatedMin !== undefined && event.updated >= updatedMin);
    if (event.status === 'cancelled' && !deletedButShown) return false;
    if (updatedMin !== undefined && event.updated < updatedMin) return false;
    if (timeMin !== undefined && eventTimeMs(event.fields.end) <= timeMin) return false;
    if (timeMax !== undefined && eventTimeMs(event.fields.start) >= timeMax) return false;
    if (text && !JSON.stringify([event.fields.summary, event.fields.description, event.fields.location, event.fields.attendees]).toLowerCase().includes(text)) {
      return false;
    }
    return true;
  };
}
