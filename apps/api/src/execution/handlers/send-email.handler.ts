import { Injectable } from '@nestjs/common';
import { GmailDraftHandler } from './gmail-draft.handler';

/** send_email: a Gmail draft to the move's contact. */
@Injectable()
export class SendEmailHandler extends GmailDraftHandler {
  readonly actionType = 'send_email';
}
