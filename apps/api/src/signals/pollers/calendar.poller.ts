import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CALENDAR_SYNC_CURSOR, CalendarConnector } from '../../connectors/google/calendar.connector';
import type { CalendarEventChange } from '../../connectors/google/calendar-event-change';
import { GmailConnector } from '../../connectors/google/gmail.connector';
import { HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { IntegrationsService } from '../../connectors/oauth/integrations.service';
import { AppConfig } from '../../platform/config/app-config';
import { CalendarEventSnapshot } from '../entities/calendar-event-snapshot.entity';
import { Signal } from '../entities/signal.entity';
import { SignalsService } from '../signals.service';
import type { PollResult } from './hubspot-deals.poller';

interface KnownContact {
  email: string;
  name: string | null;
  company: string | null;
}

/**
 * Turns Calendar changes into meeting_booked / meeting_cancelled signals for meetings with a
 * known contact (an attendee, not us, who is a HubSpot contact or already has a signal). The
 * first sync only records what is on the calendar (meetings already booked are not news). A
 * sync token cannot stop half-way, so a truncated run keeps the old token and leaves the events
 * it did not reach unrecorded: the next run gets the same changes and the snapshots tell it
 * which ones are done.
 */
@Injectable()
export class CalendarPoller {
  private readonly logger = new Logger('CalendarPoller');

  constructor(
    private readonly calendar: CalendarConnector,
    private readonly gmail: GmailConnector,
    private readonly hubspot: HubSpotConnector,
    private readonly integrations: IntegrationsService,
    private readonly signals: SignalsService,
    @InjectRepository(CalendarEventSnapshot) private readonly snapshots: Repository<CalendarEventSnapshot>,
    @InjectRepository(Signal) private readonly stored: Repository<Signal>,
    private readonly config: AppConfig,
  ) {}

  async poll(): Promise<PollResult> {
    if (!(await this.integrations.isConnected('google'))) return { signals: 0, truncated: false, skipped: 'google is not connected' };
    const firstSync = !(await this.integrations.cursor('google', CALENDAR_SYNC_CURSOR));
    const batch = await this.calendar.listChanges();
    const seen = new Map(
      (batch.events.length > 0 ? await this.snapshots.findBy({ eventId: In(batch.events.map((event) => event.id)) }) : []).map((row) => [
        row.eventId,
        row.status,
      ]),
    );
    const limit = this.config.SIGNAL_POLL_BATCH;
    let produced = 0;
    let truncated = false;
    for (const event of batch.events) {
      const kind = firstSync ? null : meetingChange(event, seen.get(event.id));
      const contact = kind ? await this.knownContact(event) : null;
      if (kind && contact) {
        if (produced === limit) {
          truncated = true;
          break;
        }
        await this.signals.receive(
          {
            source: 'calendar',
            kind,
            externalId: event.id,
            contactEmail: contact.email,
            company: contact.company,
            payload: {
              event_id: event.id,
              status: event.status,
              summary: event.summary,
              start: event.start?.toISOString() ?? null,
              end: event.end?.toISOString() ?? null,
              organizer: event.organizerEmail,
              attendees: event.attendees.map((attendee) => attendee.email),
              contact_name: contact.name,
              html_link: event.htmlLink,
            },
          },
          { actor: 'system:calendar-poller' },
        );
        produced += 1;
      }
      await this.snapshots.upsert({ eventId: event.id, status: event.status, updatedAt: event.updated }, ['eventId']);
    }
    if (truncated) {
      this.logger.warn({ event: 'batch truncated', poller: 'calendar', signals: produced });
    } else {
      await this.calendar.saveSyncToken(batch.nextSyncToken);
    }
    return { signals: produced, truncated };
  }

  /** The first attendee who is not us and whom we know: from HubSpot, else from an earlier signal. */
  private async knownContact(event: CalendarEventChange): Promise<KnownContact | null> {
    const ours = new Set((await this.gmail.ourAddresses()).map((entry) => entry.address));
    const candidates = event.attendees.filter((attendee) => !attendee.self && !ours.has(attendee.email)).map((attendee) => attendee.email);
    if (candidates.length === 0) return null;
    if (await this.integrations.isConnected('hubspot')) {
      for (const email of candidates) {
        const contact = await this.hubspot.contactByEmail(email);
        if (contact) return { email, name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null, company: contact.company };
      }
    }
    const earlier = await this.stored.findOne({ where: { contactEmail: In(candidates) }, order: { receivedAt: 'DESC' } });
    return earlier?.contactEmail ? { email: earlier.contactEmail, name: null, company: earlier.company } : null;
  }
}

/** Booked: first seen, or back after a cancellation. Cancelled: was on the calendar. Edits (a new time, a title) are not news. */
function meetingChange(event: CalendarEventChange, previousStatus: string | undefined): 'meeting_booked' | 'meeting_cancelled' | null {
  if (event.status === 'cancelled') return previousStatus && previousStatus !== 'cancelled' ? 'meeting_cancelled' : null;
  return !previousStatus || previousStatus === 'cancelled' ? 'meeting_booked' : null;
}
