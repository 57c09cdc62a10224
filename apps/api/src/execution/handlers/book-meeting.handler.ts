import { Inject, Injectable } from '@nestjs/common';
import type { ExecutionPlan, ExecutionResultData, ExternalObject } from '@caseyos/contracts';
import { NewCalendarEvent } from '../../connectors/google/calendar.connector';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { PlanError } from '../execution-problems';
import { ExecutionSettings } from '../execution-settings';
import { renderMeeting } from '../templates';
import { DraftContextFactory } from './draft-context.factory';
import { CalendarEventEffect } from './effects/calendar-event.effect';
import { calendarEventId } from './effects/markers';
import { ObjectRemover } from './effects/object-remover';
import type { PlanInput, PlannedExecution, RunOptions } from './execution-handler';
import { RemovableHandler } from './removable.handler';
import { WorkingHours, firstFreeSlot, parseWorkingHours, searchWindow } from './meeting-slot/first-free-slot';
import { rendered, requireContactEmail } from './plan-input';

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
    remover: ObjectRemover,
    private readonly config: AppConfig,
    settings: ExecutionSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(remover);
    this.hours = parseWorkingHours(settings.WORKING_HOURS);
  }

  async plan({ move, executionId }: PlanInput): Promise<PlannedExecution<NewCalendarEvent>> {
    const attendee = requireContactEmail(move);
    const context = await this.contexts.for(move, 'optional');
    const meeting = rendered(() => renderMeeting(context));
    const request = { now: this.clock.now(), timeZone: this.config.TIMEZONE, hours: this.hours };
    const { timeMin, timeMax } = searchWindow(request);
    const busy = await this.events.freeBusy(timeMin, timeMax);
    const slot = firstFreeSlot({ ...request, durationMinutes: meeting.durationMinutes, busy });
    if (!slot) throw new PlanError(`No free ${meeting.durationMinutes}-minute slot in working hours within five business days.`);
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
    };
    return { plan, prepared: event };
  }

  async execute(planned: PlannedExecution<NewCalendarEvent>, options: RunOptions): Promise<ExecutionResultData> {
    return { objects: [await this.events.create(planned.prepared, options)] };
  }

  async findExisting(_plan: ExecutionPlan, options: RunOptions): Promise<ExternalObject[]> {
    return await this.events.find(calendarEventId(options.executionId), options);
  }
}
