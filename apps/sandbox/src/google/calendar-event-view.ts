import { googleErrors } from '../http/google-errors';
import { type CalendarEvent, type CalendarPerson, type SendUpdates, eventTimeMs } from '../world/calendar-store';

const RESPONSE_STATUSES = ['needsAction', 'declined', 'tentative', 'accepted'];

/** Fields the server owns; clients may send them back but they are not stored as written. */
const SERVER_FIELDS = new Set(['id', 'kind', 'etag', 'status', 'htmlLink', 'created', 'updated', 'creator', 'organizer', 'iCalUID', 'sequence']);

export function parseSendUpdates(value: unknown): SendUpdates | undefined {
  if (value === undefined) return undefined;
  if (value === 'all' || value === 'externalOnly' || value === 'none') return value;
  throw googleErrors.calendarInvalid(`Invalid value for sendUpdates: ${String(value)}`);
}

/**
 * The writable part of an event body, with attendees completed the way Google stores them
 * (responseStatus, and self/organizer flags). Like Google's patch, a new attendees list replaces
 * the old one whole: an attendee sent without responseStatus is needsAction again (the organizer
 * accepted), so a client changing one answer sends the list back with the others' answers.
 */
export function writableFields(body: unknown, ownerEmail: string, organizer: CalendarPerson): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) throw googleErrors.calendarInvalid('Invalid event');
  const fields = Object.fromEntries(Object.entries(body).filter(([name]) => !SERVER_FIELDS.has(name)));
  if (Array.isArray(fields.attendees)) {
    fields.attendees = (fields.attendees as Record<string, unknown>[]).map((attendee) => {
      const email = String(attendee.email ?? '').toLowerCase();
      if (!email.includes('@')) throw googleErrors.calendarInvalid('Invalid attendee email.');
      if (attendee.responseStatus !== undefined && !RESPONSE_STATUSES.includes(String(attendee.responseStatus))) {
        throw googleErrors.calendarInvalid(`Invalid value for attendees.responseStatus: ${String(attendee.responseStatus)}`);
      }
      return {
        ...attendee,
        email,
        ...(email === ownerEmail ? { self: true } : {}),
        ...(email === organizer.email ? { organizer: true } : {}),
        responseStatus: attendee.responseStatus ?? (email === organizer.email ? 'accepted' : 'needsAction'),
      };
    });
  }
  return fields;
}

/** Start and end must be given and in order, as Google checks on insert and update. */
export function assertTimeRange(fields: Record<string, unknown>): void {
  const start = eventTimeMs(fields.start);
  const end = eventTimeMs(fields.end);
  if (Number.isNaN(start)) throw googleErrors.calendarInvalid('Missing start time.');
  if (Number.isNaN(end)) throw googleErrors.calendarInvalid('Missing end time.');
  if (end < start) throw googleErrors.calendarInvalid('The specified time range is empty.');
}

/** The Events resource as Calendar returns it. */
export function eventView(event: CalendarEvent, ownerEmail: string) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    kind: 'calendar#event',
    etag: `"${event.updated * 1000 + event.sequence}"`,
    id: event.id,
    status: event.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${ownerEmail}`).toString('base64url')}`,
    created: iso(event.created),
    updated: iso(event.updated),
    ...event.fields,
    creator: event.organizer.self ? { email: ownerEmail, self: true } : { email: event.organizer.email },
    organizer: event.organizer,
    iCalUID: `${event.id}@google.com`,
    sequence: event.sequence,
    reminders: event.fields.reminders ?? { useDefault: true },
    eventType: event.fields.eventType ?? 'default',
  };
}
