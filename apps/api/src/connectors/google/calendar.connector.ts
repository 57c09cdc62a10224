import { Inject, Injectable, Logger } from '@nestjs/common';
import type { calendar_v3 } from '@googleapis/calendar';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { ConnectorCallOptions } from '../call-options';
import { ConnectorSettings, SendUpdates } from '../connector-settings';
import { ConnectorNotFoundError, ConnectorPermanentError, ConnectorTransientError } from '../errors/connector-errors';
import { missingSyncCursor } from '../errors/missing-sync-cursor';
import { IntegrationsService } from '../oauth/integrations.service';
import { recordingSync } from '../sync-recording';
import { CalendarEventChange, toEventChange } from './calendar-event-change';
import { GoogleApiService } from './google-api.service';

export const CALENDAR_SYNC_CURSOR = 'calendar_sync_token';

export interface NewCalendarEvent {
  summary: string;
  description?: string;
  start: Date;
  end: Date;
  attendees: { email: string; displayName?: string; optional?: boolean }[];
  /** Who Google emails the invitation to (default CALENDAR_SEND_UPDATES). */
  sendUpdates?: SendUpdates;
  /** Our own event id (base32hex, 5-1024 chars) so that a repeated insert is refused, not doubled. */
  id?: string;
}

export type CalendarEventStatus = 'confirmed' | 'tentative' | 'cancelled';

/** An attendee's answer to the invitation. */
export interface CalendarEventAttendee {
  /** Lower-cased. */
  email: string;
  /** needsAction (no answer yet), declined, tentative or accepted. */
  responseStatus: string;
  /** This is the connected account's own entry. */
  self: boolean;
}

export interface CalendarEventRef {
  id: string;
  htmlLink: string | null;
  /** A deleted event keeps its id with status cancelled. */
  status: CalendarEventStatus;
  /** All-day events start and end at midnight UTC; null if Calendar sent no time. */
  start: Date | null;
  end: Date | null;
  attendees: CalendarEventAttendee[];
}

export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface CalendarChangeBatch {
  /** Events created, changed or cancelled since the sync token (everything current on a full sync). */
  events: CalendarEventChange[];
  nextSyncToken: string;
  /** True when there was no token or Google expired it (410) and the calendar was listed afresh. */
  fullSync: boolean;
}

const PAGE_SIZE = 250;

/** The Calendar port (primary calendar): insert, read, delete or cancel events, free/busy, list changes. */
@Injectable()
export class CalendarConnector {
  private readonly logger = new Logger('Calendar');

  constructor(
    private readonly google: GoogleApiService,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The query and body insertEvent sends for `event` (no call), e.g. for a plan to show. */
  eventInsertRequest(event: NewCalendarEvent): { query: { sendUpdates: SendUpdates }; body: calendar_v3.Schema$Event } {
    return {
      query: { sendUpdates: event.sendUpdates ?? this.settings.CALENDAR_SEND_UPDATES },
      body: {
        ...(event.id ? { id: event.id } : {}),
        summary: event.summary,
        description: event.description,
        start: { dateTime: event.start.toISOString() },
        end: { dateTime: event.end.toISOString() },
        attendees: event.attendees,
      },
    };
  }

  /**
   * Inserts the event. With our own `id`, Calendar refuses a second insert (409 duplicate): that
   * means an earlier attempt made it, so that event is returned instead, `existed: true` (its
   * status tells whether it has been cancelled since).
   */
  async insertEvent(event: NewCalendarEvent, options: ConnectorCallOptions = {}): Promise<CalendarEventRef & { existed: boolean }> {
    const { query, body } = this.eventInsertRequest(event);
    try {
      const { data } = await this.google.call(
        'calendar.events.insert',
        ({ calendar }, request) => calendar.events.insert({ calendarId: 'primary', ...query, requestBody: body }, request),
        { idempotent: false, ...options },
      );
      return { ...toEventRef(data), existed: false };
    } catch (error) {
      const duplicate = error instanceof ConnectorPermanentError && error.status === 409 && error.reason === 'duplicate';
      const existing = duplicate && event.id ? await this.getEvent(event.id, options) : null;
      if (existing) return { ...existing, existed: true };
      throw error;
    }
  }

  /**
   * The event, cancelled ones included, with its times and each attendee's answer; null only when
   * Calendar says there is no such event.
   */
  async getEvent(id: string, options: ConnectorCallOptions = {}): Promise<CalendarEventRef | null> {
    try {
      const { data } = await this.google.call(
        'calendar.events.get',
        ({ calendar }, request) => calendar.events.get({ calendarId: 'primary', eventId: id }, request),
        { idempotent: true, ...options },
      );
      return toEventRef(data);
    } catch (error) {
      if (error instanceof ConnectorNotFoundError && error.objectMissing) return null;
      throw error;
    }
  }

  /** When the primary calendar is busy between the two instants (merged, as Google reports them). */
  async freeBusy(timeMin: Date, timeMax: Date, options: ConnectorCallOptions = {}): Promise<BusyInterval[]> {
    const { data } = await this.google.call(
      'calendar.freebusy.query',
      ({ calendar }, request) =>
        calendar.freebusy.query({ requestBody: { timeMin: timeMin.toISOString(), timeMax: timeMax.toISOString(), items: [{ id: 'primary' }] } }, request),
      { idempotent: true, ...options },
    );
    const primary = data.calendars?.primary;
    if (!primary || primary.errors?.length) {
      // Google reports a failure per calendar inside a 200.
      const reason = primary?.errors?.[0]?.reason ?? 'missing';
      const Failure = reason === 'internalError' || reason === 'backendError' ? ConnectorTransientError : ConnectorPermanentError;
      throw new Failure('google', `free/busy of the primary calendar failed: ${reason}`, { reason });
    }
    return (primary.busy ?? []).map((period) => ({ start: new Date(period.start ?? ''), end: new Date(period.end ?? '') }));
  }

  /** Removes an event we made; quiet by default (a rollback, not news). False when Calendar says it is gone already. */
  deleteEvent(id: string, sendUpdates: SendUpdates = 'none', options: ConnectorCallOptions = {}): Promise<boolean> {
    return this.gone(
      this.google.call(
        'calendar.events.delete',
        ({ calendar }, request) => calendar.events.delete({ calendarId: 'primary', eventId: id, sendUpdates }, request),
        { idempotent: true, ...options },
      ),
    );
  }

  /** Calls a meeting off and tells the attendees (default CALENDAR_SEND_UPDATES). False when Calendar says it is gone already. */
  cancelEvent(id: string, sendUpdates: SendUpdates = this.settings.CALENDAR_SEND_UPDATES, options: ConnectorCallOptions = {}): Promise<boolean> {
    return this.gone(
      this.google.call(
        'calendar.events.cancel',
        ({ calendar }, request) => calendar.events.patch({ calendarId: 'primary', eventId: id, sendUpdates, requestBody: { status: 'cancelled' } }, request),
        { idempotent: true, ...options },
      ),
    );
  }

  /**
   * Changes since `syncToken` (default: the saved one). Without a token, or when Google has
   * expired it (410), lists the calendar from CALENDAR_FULL_SYNC_DAYS ago for a fresh token.
   * Save nextSyncToken with saveSyncToken once the changes are handled. A last page without a
   * nextSyncToken fails the sync (nothing to continue from: the next run starts over).
   */
  listChanges(syncToken?: string): Promise<CalendarChangeBatch> {
    return recordingSync(this.integrations, 'google', async () => {
      const token = syncToken ?? (await this.integrations.cursor('google', CALENDAR_SYNC_CURSOR));
      if (!token) return this.list({}, true);
      try {
        return await this.list({ syncToken: token }, false);
      } catch (error) {
        if (!(error instanceof ConnectorNotFoundError) || error.status !== 410) throw error;
        this.logger.warn({ event: 'calendar_sync_token_expired', provider: 'google', detail: 'full sync required' });
        return this.list({}, true);
      }
    });
  }

  saveSyncToken(token: string): Promise<void> {
    return this.integrations.recordSuccess('google', { [CALENDAR_SYNC_CURSOR]: token });
  }

  private async list(query: { syncToken?: string }, fullSync: boolean): Promise<CalendarChangeBatch> {
    const timeMin = fullSync ? new Date(this.clock.now().getTime() - this.settings.CALENDAR_FULL_SYNC_DAYS * 86_400_000).toISOString() : undefined;
    const events: CalendarEventChange[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const { data }: { data: calendar_v3.Schema$Events } = await this.google.call(
        'calendar.events.list',
        ({ calendar }) => calendar.events.list({ calendarId: 'primary', maxResults: PAGE_SIZE, pageToken, ...query, ...(timeMin ? { timeMin } : {}) }),
        { idempotent: true },
      );
      events.push(...(data.items ?? []).map(toEventChange));
      pageToken = data.nextPageToken ?? undefined;
      if (pageToken) continue;
      if (!data.nextSyncToken) throw missingSyncCursor('google', 'Calendar events.list', 'nextSyncToken');
      return { events, nextSyncToken: data.nextSyncToken, fullSync };
    }
  }

  private async gone(call: Promise<unknown>): Promise<boolean> {
    try {
      await call;
      return true;
    } catch (error) {
      // notFound (never existed here) or deleted (already cancelled): nothing left to undo. Any
      // other 404, an unknown route say, proves nothing and is thrown.
      if (error instanceof ConnectorNotFoundError && error.objectMissing) return false;
      throw error;
    }
  }
}

function toEventRef(data: calendar_v3.Schema$Event): CalendarEventRef {
  const event = toEventChange(data);
  return {
    id: event.id,
    htmlLink: event.htmlLink,
    status: (data.status as CalendarEventStatus | undefined) ?? 'confirmed',
    start: event.start,
    end: event.end,
    // Calendar always answers with a responseStatus; one missing can only mean no answer yet.
    attendees: event.attendees.map(({ email, responseStatus, self }) => ({ email, responseStatus: responseStatus ?? 'needsAction', self })),
  };
}
