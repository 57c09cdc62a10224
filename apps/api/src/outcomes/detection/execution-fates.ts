import { Inject, Injectable } from '@nestjs/common';
import type { ExecutionView } from '@caseyos/contracts';
import { CalendarConnector } from '../../connectors/google/calendar.connector';
import { HubSpotConnector } from '../../connectors/hubspot/hubspot.connector';
import { CLOCK, Clock } from '../../platform/clock/clock';
import type { DetectedOutcome } from './outcome-detector';

/** Attendee answers that mean the contact meant to come. */
const ATTENDING = ['accepted', 'tentative'];

function createdObject(execution: ExecutionView, kind: 'hubspot_task' | 'calendar_event'): string | null {
  return execution.result?.objects.find((object) => object.kind === kind)?.id ?? null;
}

/**
 * What became of a task or a meeting an execution made, read from the provider: nothing in a
 * signal says a task was ticked off or a meeting took place.
 */
@Injectable()
export class ExecutionFates {
  constructor(
    private readonly hubspot: HubSpotConnector,
    private readonly calendar: CalendarConnector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** task_completed for each execution whose HubSpot task is now COMPLETED (one batch read per 100). */
  async completedTasks(executions: readonly ExecutionView[]): Promise<DetectedOutcome[]> {
    const byTask = new Map(
      executions.flatMap((execution) => {
        const taskId = createdObject(execution, 'hubspot_task');
        return taskId ? [[taskId, execution] as const] : [];
      }),
    );
    if (byTask.size === 0) return [];
    const statuses = await this.hubspot.taskStatuses([...byTask.keys()]);
    return [...statuses].flatMap(([taskId, task]) => {
      const execution = byTask.get(taskId);
      if (!execution || task.status !== 'COMPLETED') return [];
      return [{ execution, outcomeType: 'task_completed' as const, detectedAt: task.completedAt ?? this.clock.now(), evidence: { task_id: taskId } }];
    });
  }

  /**
   * For a book_meeting execution whose event has ended: meeting_cancelled when it was cancelled (or is gone),
   * meeting_held when the contact had accepted (or said maybe), meeting_no_show when they had
   * declined or never answered. Calendar records no attendance; the answer is the best evidence.
   */
  async meetingFate(execution: ExecutionView): Promise<DetectedOutcome[]> {
    const eventId = createdObject(execution, 'calendar_event');
    if (!eventId) return [];
    const event = await this.calendar.getEvent(eventId);
    const evidence = { event_id: eventId };
    // Gone altogether (deleted for good) is as cancelled as cancelled.
    if (!event || event.status === 'cancelled') return [{ execution, outcomeType: 'meeting_cancelled', detectedAt: this.clock.now(), evidence }];
    if (!event.end || event.end > this.clock.now()) return [];
    const contact = execution.contact_email?.toLowerCase();
    const answer = event.attendees.find((attendee) => attendee.email.toLowerCase() === contact)?.responseStatus;
    return [{ execution, outcomeType: answer && ATTENDING.includes(answer) ? 'meeting_held' : 'meeting_no_show', detectedAt: event.end, evidence }];
  }
}
