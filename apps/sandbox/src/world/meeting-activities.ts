import { type ActivityRunner, DAY, pickDeal } from './activity-kinds';
import { eventTimeMs } from './calendar-store';
import { OPEN_STAGE_IDS } from './deal-pipeline';
import { scheduleMeeting } from './meeting-actions';

const HOUR = 3_600_000;

/** Meetings booked with a deal's contacts and upcoming ones cancelled. */
export const MEETING_ACTIVITIES: Record<'meeting_booked' | 'meeting_cancelled', ActivityRunner> = {
  meeting_booked: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId));
    if (!deal) return 'no open deal';
    const event = scheduleMeeting(world, deal, at + world.random.int(1, 10) * DAY, { at });
    return { kind: 'meeting_booked', dealId: deal.id, eventId: event.id };
  },

  meeting_cancelled: (world, at) => {
    const upcoming = [...world.calendar.events.values()].filter((e) => e.status !== 'cancelled' && eventTimeMs(e.fields.start) > at + HOUR);
    if (upcoming.length === 0) return 'no upcoming meeting';
    const event = world.random.pick(upcoming);
    world.calendar.cancel(event, at);
    return { kind: 'meeting_cancelled', eventId: event.id };
  },
};
