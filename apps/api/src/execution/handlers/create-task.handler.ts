import { Injectable } from '@nestjs/common';
import { HubSpotTaskHandler } from './hubspot-task.handler';

/** create_task: a follow-up task for the move's contact. */
@Injectable()
export class CreateTaskHandler extends HubSpotTaskHandler {
  readonly actionType = 'create_task';
}
