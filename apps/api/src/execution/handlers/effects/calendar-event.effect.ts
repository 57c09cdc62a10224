import { Injectable } from '@nestjs/common';
import type { ExternalObject, OutboundRequest } from '@caseyos/contracts';
import { CalendarConnector, NewCalendarEvent } from '../../../connectors/google/calendar.connector';
import { PlanError } from '../../execution-problems';
import type { RunOptions } from '../execution-handler';

/** Calendar events with our own id: an insert repeated after a lost answer finds the first one. */
@Injectable()
export class CalendarEventEffect {
  constructor(private readonly calendar: CalendarConnector) {}

  freeBusy(timeMin: Date, timeMax: Date): Promise<{ start: Date; end: Date }[]> {
    return this.calendar.freeBusy(timeMin, timeMax);
  }

  request(event: NewCalendarEvent): OutboundRequest {
    const { query, body } = this.calendar.eventInsertRequest(event);
    return {
      target: 'calendar',
      operation: 'calendar.events.insert',
      method: 'POST',
      path: `/calendar/v3/calendars/primary/events?${new URLSearchParams(query).toString()}`,
      body: body as Record<string, unknown>,
    };
  }

  async create(event: NewCalendarEvent, options: RunOptions): Promise<ExternalObject> {
    const inserted = await this.calendar.insertEvent(event, { signal: options.signal, retries: false });
    // Our own id taken by a cancelled event (this execution's, rolled back or removed as a stray) is no success.
    if (inserted.existed && inserted.status === 'cancelled')
      throw new PlanError(`The meeting ${inserted.id} was made and cancelled already; execute the move again.`);
    return { kind: 'calendar_event', id: inserted.id, url: inserted.htmlLink };
  }

  async find(eventId: string, options: RunOptions): Promise<ExternalObject[]> {
    const found = await this.calendar.getEvent(eventId, { signal: options.signal, retries: false });
    return found && found.status !== 'cancelled' ? [{ kind: 'calendar_event', id: found.id, url: found.htmlLink }] : [];
  }

  /** Cancels the meeting (attendees are told, per CALENDAR_SEND_UPDATES); already cancelled counts as done. */
  async remove(object: ExternalObject, options: RunOptions): Promise<void> {
    await this.calendar.cancelEvent(object.id, undefined, { signal: options.signal, retries: false });
  }
}
