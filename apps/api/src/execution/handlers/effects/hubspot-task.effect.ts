import { Injectable } from '@nestjs/common';
import type { CommandQueueMove, ExternalObject, OutboundRequest } from '@caseyos/contracts';
import { HubSpotConnector } from '../../../connectors/hubspot/hubspot.connector';
import type { HubSpotTaskStatus, NewHubSpotTask } from '../../../connectors/hubspot/hubspot-records';
import type { RunOptions } from '../execution-handler';
import type { TaskDraft } from '../../../drafting/draft-types';
import { taskToken } from './markers';

/** HubSpot tasks: associated with the move's contact and deal when HubSpot knows them; marked with a search token. */
@Injectable()
export class HubSpotTaskEffect {
  constructor(private readonly hubspot: HubSpotConnector) {}

  /** The task as it will be created; the contact and deal are looked up (reads only) to associate it. */
  async prepare(move: CommandQueueMove, draft: TaskDraft, executionId: string): Promise<{ task: NewHubSpotTask; request: OutboundRequest; notes: string[] }> {
    const [contact, deal] = await Promise.all([
      move.contact_email ? this.hubspot.contactByEmail(move.contact_email) : null,
      move.deal_id ? this.hubspot.getDeal(move.deal_id) : null,
    ]);
    const notes = [
      ...(move.contact_email && !contact ? [`HubSpot has no contact ${move.contact_email}: the task is not associated with one`] : []),
      ...(move.deal_id && !deal ? [`HubSpot has no deal ${move.deal_id}: the task is not associated with one`] : []),
    ];
    const task: NewHubSpotTask = {
      subject: draft.subject,
      body: `${draft.body}\n\nCaseyOS ref: ${taskToken(executionId)}`,
      dueAt: draft.dueAt,
      priority: draft.priority,
      type: draft.type,
      contactId: contact?.id,
      dealId: deal?.id,
    };
    const request: OutboundRequest = {
      target: 'hubspot',
      operation: 'hubspot.tasks.create',
      method: 'POST',
      path: '/crm/v3/objects/tasks',
      body: this.hubspot.taskCreateRequest(task) as unknown as Record<string, unknown>,
    };
    return { task, request, notes };
  }

  async create(task: NewHubSpotTask, options: RunOptions): Promise<ExternalObject> {
    const created = await this.hubspot.createTask(task, { signal: options.signal, retries: false });
    return taskObjects([created], await this.hubspot.taskLinks())[0];
  }

  async find(executionId: string, options: RunOptions): Promise<ExternalObject[]> {
    const found = await this.hubspot.findTasksByToken(taskToken(executionId), { signal: options.signal, retries: false });
    return found.length > 0 ? taskObjects(found, await this.hubspot.taskLinks()) : [];
  }

  /** The tasks that are still there, with their status (one read per 100); a task HubSpot does not know is absent. */
  statuses(ids: string[], signal: AbortSignal): Promise<Map<string, HubSpotTaskStatus>> {
    return this.hubspot.taskStatuses(ids, { signal });
  }

  async remove(object: ExternalObject, options: RunOptions): Promise<void> {
    await this.hubspot.deleteTask(object.id, { signal: options.signal, retries: false });
  }
}

function taskObjects(tasks: { id: string }[], link: ((taskId: string) => string) | null): ExternalObject[] {
  return tasks.map((task) => ({ kind: 'hubspot_task', id: task.id, url: link?.(task.id) ?? null }));
}
