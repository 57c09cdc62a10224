import { Injectable } from '@nestjs/common';
import { HubSpotTaskHandler } from './hubspot-task.handler';

/** risk_escalation: a HIGH-priority task to deal with an account at risk. */
@Injectable()
export class RiskEscalationHandler extends HubSpotTaskHandler {
  readonly actionType = 'risk_escalation';
}
