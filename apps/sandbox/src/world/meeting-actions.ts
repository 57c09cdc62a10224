import type { CalendarEvent } from './calendar-store';
import type { CrmDeal } from './crm-records';
import { MEETING_KINDS } from './seed-catalog';
import type { SandboxWorld } from './sandbox-world';

const HOUR = 3_600_000;

/**
 * A meeting about `deal` on the day of `day`, within office hours (UTC). Some are organised by
 * us, others by the prospect with us as an invited attendee, as in a real calendar.
 */
export function scheduleMeeting(world: SandboxWorld, deal: CrmDeal, day: number, options: { at: number; seeded?: boolean }): CalendarEvent {
  const { random, crm, calendar, account } = world;
  const start = Math.floor(day / (24 * HOUR)) * 24 * HOUR + random.int(9, 16) * HOUR + random.pick([0, 30]) * 60_000;
  const end = start + random.pick([30, 45, 60]) * 60_000;
  const contacts = deal.contactIds.map((id) => crm.contacts.get(id)).filter((c) => c !== undefined);
  const company = crm.companies.get(deal.companyId)?.name ?? 'prospect';
  const organizedByThem = !options.seeded && random.chance(0.4) && contacts.length > 0;
  const organizer = organizedByThem
    ? { email: contacts[0].email, displayName: `${contacts[0].firstName} ${contacts[0].lastName}` }
    : { email: account.email, displayName: account.name, self: true };
  return calendar.insert(
    {
      summary: `${random.pick(MEETING_KINDS)} – ${company}`,
      description: `Deal: ${deal.name}`,
      location: 'https://meet.example.com/' + random.chars(10, 'abcdefghijkmnpqrstuvwxyz'),
      start: { dateTime: new Date(start).toISOString(), timeZone: 'UTC' },
      end: { dateTime: new Date(end).toISOString(), timeZone: 'UTC' },
      attendees: [
        {
          email: account.email,
          displayName: account.name,
          self: true,
          organizer: !organizedByThem || undefined,
          responseStatus: organizedByThem ? 'needsAction' : 'accepted',
        },
        ...contacts.map((c, i) => ({
          email: c.email,
          displayName: `${c.firstName} ${c.lastName}`,
          organizer: (organizedByThem && i === 0) || undefined,
          responseStatus: organizedByThem && i === 0 ? 'accepted' : random.pick(['accepted', 'needsAction', 'tentative']),
        })),
      ],
    },
    options.at,
    { organizer },
  );
}
