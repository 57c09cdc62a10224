import { Injectable } from '@nestjs/common';
import { HubSpotTaskHandler } from './hubspot-task.handler';

/** cs_health_check: a task carrying the account's health report. */
@Injectable()
export class CsHealthCheckHandler extends HubSpotTaskHandler {
  readonly actionType = 'cs_health_check';
}
