import { Inject, Injectable, Logger } from '@nestjs/common';
import type { calendar_v3 } from '@googleapis/calendar';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { ConnectorSettings, SendUpdates } from '../connector-settings';
import { ConnectorNotFoundError } from '../errors/connector-errors';
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

export interface CalendarChangeBatch {
  /** Events created, changed or cancelled since the sync token (everything current on a full sync). */
  events: CalendarEventChange[];
  nextSyncToken: string;
  /** True when there was no token or Google expired it (410) and the calendar was listed afresh. */
  fullSync: boolean;
}

const PAGE_SIZE = 250;

/** The Calendar port (primary calendar): insert, delete or cancel events, list changes. */
@Injectable()
export class CalendarConnector {
  private readonly logger = new Logger('Calendar');

  constructor(
    private readonly google: GoogleApiService,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async insertEvent(event: NewCalendarEvent): Promise<{ id: string; htmlLink: string | null }> {
    const { data } = await this.google.call(
      'calendar.events.insert',
      ({ calendar }) =>
        calendar.events.insert({
          calendarId: 'primary',
          sendUpdates: event.sendUpdates ?? this.settings.CALENDAR_SEND_UPDATES,
          requestBody: {
            ...(event.id ? { id: event.id } : {}),
            summary: event.summary,
            description: event.description,
            start: { dateTime: event.start.toISOString() },
            end: { dateTime: event.end.toISOString() },
            attendees: event.attendees,
          },
        }),
      { idempotent: false },
    );
    return { id: data.id ?? '', htmlLink: data.htmlLink ?? null };
  }

  /** Removes an event we made; quiet by default (a rollback, not news). False when already gone. */
  deleteEvent(id: string, sendUpdates: SendUpdates = 'none'): Promise<boolean> {
    return this.gone(this.google.call('calendar.events.delete', ({ calendar }) => calendar.events.delete({ calendarId: 'primary', eventId: id, sendUpdates }), { idempotent: true }));
  }

  /** Calls a meeting off and tells the attendees (default CALENDAR_SEND_UPDATES). False when already gone. */
  cancelEvent(id: string, sendUpdates: SendUpdates = this.settings.CALENDAR_SEND_UPDATES): Promise<boolean> {
    return this.gone(
      this.google.call(
        'calendar.events.cancel',
        ({ calendar }) => calendar.events.patch({ calendarId: 'primary', eventId: id, sendUpdates, requestBody: { status: 'cancelled' } }),
        { idempotent: true },
      ),
    );
  }

  /**
   * Changes since `syncToken` (default: the saved one). Without a token, or when Google has
   * expired it (410), lists the calendar from CALENDAR_FULL_SYNC_DAYS ago for a fresh token.
   * Save nextSyncToken with saveSyncToken once the changes are handled.
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
      if (!pageToken) return { events, nextSyncToken: data.nextSyncToken ?? '', fullSync };
    }
  }

  private async gone(call: Promise<unknown>): Promise<boolean> {
    try {
      await call;
      return true;
    } catch (error) {
      // 404 never existed here, 410 already cancelled: either way there is nothing left to undo.
      if (error instanceof ConnectorNotFoundError) return false;
      throw error;
    }
  }
}
