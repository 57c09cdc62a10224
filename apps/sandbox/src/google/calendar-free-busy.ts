import { calendarError, googleErrors } from '../http/google-errors';
import { type CalendarEvent, type CalendarStore, eventTimeMs } from '../world/calendar-store';

interface Interval {
  start: number;
  end: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Does this event block time for the calendar's owner, as Google's free/busy counts it? */
function blocksTime(event: CalendarEvent, ownerEmail: string): boolean {
  if (event.status === 'cancelled' || event.fields.transparency === 'transparent') return false;
  const attendees = Array.isArray(event.fields.attendees) ? (event.fields.attendees as { email?: string; responseStatus?: string }[]) : [];
  return !attendees.some((a) => a.email === ownerEmail && a.responseStatus === 'declined');
}

/** Overlapping or touching intervals become one, within [min, max). */
function mergeWithin(intervals: Interval[], min: number, max: number): Interval[] {
  const merged: Interval[] = [];
  for (const { start, end } of [...intervals].sort((a, b) => a.start - b.start)) {
    const clipped = { start: Math.max(start, min), end: Math.min(end, max) };
    const last = merged[merged.length - 1];
    if (last && clipped.start <= last.end) last.end = Math.max(last.end, clipped.end);
    else merged.push(clipped);
  }
  return merged;
}

function instant(value: unknown, name: string): number {
  if (value === undefined) throw calendarError(400, `Missing ${name} parameter.`, 'required');
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw googleErrors.calendarInvalid(`Invalid value for: ${name}`);
  return ms;
}

/**
 * freebusy.query for the account's own calendar ("primary" or its address): busy periods of
 * confirmed and tentative events, transparent ones and those the owner declined left out,
 * merged and clipped to the range. Any other calendar gets Google's per-calendar notFound entry.
 */
export function queryFreeBusy(calendar: CalendarStore, body: unknown) {
  const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const timeMin = instant(request.timeMin, 'timeMin');
  const timeMax = instant(request.timeMax, 'timeMax');
  if (timeMax <= timeMin) throw calendarError(400, 'The specified time range is empty.', 'timeRangeEmpty');
  const items = Array.isArray(request.items) ? (request.items as { id?: unknown }[]) : [];
  const owned = (id: string) => id === 'primary' || id.toLowerCase() === calendar.ownerEmail;
  const busy = mergeWithin(
    [...calendar.events.values()]
      .filter((event) => blocksTime(event, calendar.ownerEmail))
      .map((event) => ({ start: eventTimeMs(event.fields.start), end: eventTimeMs(event.fields.end) }))
      .filter((interval) => interval.start < timeMax && interval.end > timeMin),
    timeMin,
    timeMax,
  ).map((interval) => ({ start: iso(interval.start), end: iso(interval.end) }));
  const calendars = Object.fromEntries(
    items.map(({ id }) => {
      const key = String(id ?? '');
      return [key, owned(key) ? { busy } : { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] }];
    }),
  );
  return { kind: 'calendar#freeBusy', timeMin: iso(timeMin), timeMax: iso(timeMax), calendars };
}
