import type { SeededRandom } from './seeded-random';

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface CalendarPerson {
  email: string;
  displayName?: string;
  self?: boolean;
}

export interface CalendarEvent {
  id: string;
  /** Client-writable fields exactly as last written (summary, start, end, attendees, ...). */
  fields: Record<string, unknown>;
  status: EventStatus;
  organizer: CalendarPerson;
  created: number;
  updated: number;
  sequence: number;
  /** Position in the calendar's change log; sync tokens point into it. */
  changeSeq: number;
}

export type SendUpdates = 'all' | 'externalOnly' | 'none';

/** What Google would have emailed to attendees, so tests can check `sendUpdates`. */
export interface CalendarNotification {
  eventId: string;
  action: 'created' | 'updated' | 'cancelled';
  /** null when the request had no sendUpdates parameter (Google then notifies no one). */
  sendUpdates: SendUpdates | null;
  at: number;
}

interface EventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

/** Start or end of an event in ms; all-day dates count from midnight UTC. */
export function eventTimeMs(value: unknown): number {
  const time = value as EventTime | undefined;
  if (time?.dateTime) return Date.parse(time.dateTime);
  if (time?.date) return Date.parse(`${time.date}T00:00:00Z`);
  return Number.NaN;
}

const EVENT_ID_ALPHABET = 'abcdefghijklmnopqrstuv0123456789';

/** The account's primary calendar with a change log for incremental sync. */
export class CalendarStore {
  readonly events = new Map<string, CalendarEvent>();
  readonly notifications: CalendarNotification[] = [];
  private seq = 0;

  constructor(
    readonly ownerEmail: string,
    /** Changes on every reset, so sync tokens of an earlier world are refused with 410. */
    readonly generation: string,
    private readonly random: SeededRandom,
  ) {}

  get changeSeq(): number {
    return this.seq;
  }

  insert(fields: Record<string, unknown>, now: number, options: { id?: string; organizer?: CalendarPerson } = {}): CalendarEvent {
    const event: CalendarEvent = {
      id: options.id ?? this.random.chars(26, EVENT_ID_ALPHABET),
      fields,
      status: fields.status === 'tentative' ? 'tentative' : 'confirmed',
      organizer: options.organizer ?? { email: this.ownerEmail, self: true },
      created: now,
      updated: now,
      sequence: 0,
      changeSeq: ++this.seq,
    };
    this.events.set(event.id, event);
    return event;
  }

  /**
   * A client's patch (given fields replace stored ones) or update (all fields replaced).
   * Setting status "cancelled" cancels the event, as a delete does.
   */
  update(event: CalendarEvent, change: { fields: Record<string, unknown>; status?: unknown; replace: boolean }, now: number): void {
    event.fields = change.replace ? change.fields : { ...event.fields, ...change.fields };
    if (change.status === 'cancelled') {
      this.cancel(event, now);
      return;
    }
    if (change.status === 'confirmed' || change.status === 'tentative') event.status = change.status;
    this.touch(event, now);
  }

  /** Deleted events stay, cancelled, so incremental sync can report them. */
  cancel(event: CalendarEvent, now: number): void {
    event.status = 'cancelled';
    this.touch(event, now);
  }

  changedSince(seq: number): CalendarEvent[] {
    return [...this.events.values()].filter((e) => e.changeSeq > seq);
  }

  private touch(event: CalendarEvent, now: number): void {
    event.updated = now;
    event.sequence += 1;
    event.changeSeq = ++this.seq;
  }

  /** Records a client write's notification choice (the world's own changes notify no one here). */
  recordNotification(event: CalendarEvent, sendUpdates: SendUpdates | undefined, now: number): void {
    const action = event.status === 'cancelled' ? 'cancelled' : event.sequence === 0 ? 'created' : 'updated';
    this.notifications.push({ eventId: event.id, action, sendUpdates: sendUpdates ?? null, at: now });
  }
}
