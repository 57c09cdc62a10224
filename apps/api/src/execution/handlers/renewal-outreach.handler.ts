import { Injectable } from '@nestjs/common';
import { GmailDraftHandler } from './gmail-draft.handler';

/** renewal_outreach: a Gmail draft to the account, about its renewal. */
@Injectable()
export class RenewalOutreachHandler extends GmailDraftHandler {
  readonly actionType = 'renewal_outreach';
}
