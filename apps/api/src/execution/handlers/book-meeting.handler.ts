import { Inject, Injectable } from '@nestjs/common';
import type { ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import { NewCalendarEvent } from '../../connectors/google/calendar.connector';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { PlanError } from '../execution-problems';
import { ExecutionSettings } from '../execution-settings';
import { DraftingService } from '../../drafting/drafting.service';
import { DraftContextFactory } from './draft-context.factory';
import { CalendarEventEffect } from './effects/calendar-event.effect';
import { calendarEventId } from './effects/markers';
import { ObjectRemover } from './effects/object-remover';
import type { PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { RemovableHandler } from './removable.handler';
import { WorkingHours, firstFreeSlot, parseWorkingHours, searchWindow } from './meeting-slot/first-free-slot';
import { draftRecord, requireContactEmail } from './plan-input';

/**
 * book_meeting: a Calendar event with the contact as attendee, in the first free slot of the
 * operator's working hours (WORKING_HOURS in TIMEZONE) within five business days, by free/busy.
 * Google sends the invitation per CALENDAR_SEND_UPDATES. Rollback cancels the meeting.
 */
@Injectable()
export class BookMeetingHandler extends RemovableHandler<NewCalendarEvent> {
  readonly actionType = 'book_meeting';
  readonly creates = ['calendar_event'] as const;
  private readonly hours: WorkingHours;

  constructor(
    private readonly contexts: DraftContextFactory,
    private readonly events: CalendarEventEffect,
    private readonly drafting: DraftingService,
    remover: ObjectRemover,
    private readonly config: AppConfig,
    settings: ExecutionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(remover);
    this.hours = parseWorkingHours(settings.WORKING_HOURS);
  }

  async plan({ move, executionId, edit }: PlanInput): Promise<PlannedExecution<NewCalendarEvent>> {
    const attendee = requireContactEmail(move);
    const context = await this.contexts.for(move, 'optional');
    const { draft: meeting, provenance } = await this.drafting.write('meeting', context, { edit });
    const slot = edit?.slot_start ? await this.chosenSlot(new Date(edit.slot_start), meeting.durationMinutes) : await this.firstSlot(meeting.durationMinutes);
    const event: NewCalendarEvent = {
      id: calendarEventId(executionId),
      summary: meeting.summary,
      description: meeting.description,
      start: slot.start,
      end: slot.end,
      attendees: [{ email: attendee, ...(move.contact_name ? { displayName: move.contact_name } : {}) }],
    };
    const when = new Intl.DateTimeFormat('en-GB', { timeZone: this.config.TIMEZONE, dateStyle: 'full', timeStyle: 'short' }).format(slot.start);
    const plan: ExecutionPlan = {
      action_type: move.action_type,
      summary: `Calendar event "${meeting.summary}" with ${attendee} on ${when} (${this.config.TIMEZONE}), ${meeting.durationMinutes} minutes.`,
      requests: [this.events.request(event)],
      reversible: this.reversible,
      ...draftRecord({ provenance }, edit),
    };
    return { plan, prepared: event };
  }

  private async firstSlot(durationMinutes: number): Promise<{ start: Date; end: Date }> {
    const request = { now: this.clock.now(), timeZone: this.config.TIMEZONE, hours: this.hours };
    const { timeMin, timeMax } = searchWindow(request);
    const busy = await this.events.freeBusy(timeMin, timeMax);
    const slot = firstFreeSlot({ ...request, durationMinutes, busy });
    if (!slot) throw new PlanError(`No free ${durationMinutes}-minute slot in working hours within five business days.`);
    return slot;
  }

  /** The slot a person chose: it must lie ahead and be free (free/busy), whatever the working hours say. */
  private async chosenSlot(start: Date, durationMinutes: number): Promise<{ start: Date; end: Date }> {
    // Drafting refuses an edit whose time is not an instant; a NaN here would become a RangeError (500).
    if (!Number.isFinite(start.getTime())) throw new PlanError('The chosen meeting slot is not a time.');
    if (start.getTime() <= this.clock.now().getTime()) throw new PlanError('The chosen meeting slot has passed; pick one ahead.');
    const end = new Date(start.getTime() + durationMinutes * 60_000);
    const busy = await this.events.freeBusy(start, end);
    if (busy.some((interval) => interval.start < end && interval.end > start)) {
      throw new PlanError(`The calendar is busy at the chosen slot (${start.toISOString()}, ${durationMinutes} minutes); pick another.`);
    }
    return { start, end };
  }

  async execute(planned: PlannedExecution<NewCalendarEvent>, options: RunOptions): Promise<ExecutionResultData> {
    return { objects: [await this.events.create(planned.prepared, options)] };
  }

  async findExisting(_plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    return await this.events.find(calendarEventId(options.executionId), options);
  }
}
