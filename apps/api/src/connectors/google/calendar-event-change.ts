import type { calendar_v3 } from '@googleapis/calendar';

export interface CalendarAttendee {
  /** Lower-cased. */
  email: string;
  responseStatus: string | null;
  organizer: boolean;
  self: boolean;
}

/** One event as a sync sees it: enough to tell booked, moved, held or cancelled, without descriptions. */
export interface CalendarEventChange {
  id: string;
  /** confirmed, tentative or cancelled. */
  status: string;
  summary: string | null;
  start: Date | null;
  end: Date | null;
  allDay: boolean;
  organizerEmail: string | null;
  attendees: CalendarAttendee[];
  updated: Date | null;
  recurringEventId: string | null;
  htmlLink: string | null;
}

export function toEventChange(event: calendar_v3.Schema$Event): CalendarEventChange {
  return {
    id: event.id ?? '',
    status: event.status ?? 'confirmed',
    summary: event.summary ?? null,
    start: eventTime(event.start),
    end: eventTime(event.end),
    allDay: !!event.start?.date && !event.start.dateTime,
    organizerEmail: event.organizer?.email?.toLowerCase() ?? null,
    attendees: (event.attendees ?? []).flatMap((a) =>
      a.email ? [{ email: a.email.toLowerCase(), responseStatus: a.responseStatus ?? null, organizer: !!a.organizer, self: !!a.self }] : [],
    ),
    updated: event.updated ? new Date(event.updated) : null,
    recurringEventId: event.recurringEventId ?? null,
    htmlLink: event.htmlLink ?? null,
  };
}

function eventTime(time: calendar_v3.Schema$EventDateTime | undefined): Date | null {
  const value = time?.dateTime ?? (time?.date ? `${time.date}T00:00:00Z` : undefined);
  return value ? new Date(value) : null;
}
