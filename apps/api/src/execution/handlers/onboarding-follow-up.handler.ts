import { Injectable } from '@nestjs/common';
import { GmailDraftHandler } from './gmail-draft.handler';

/** onboarding_follow_up: a Gmail draft to a new customer, to start onboarding. */
@Injectable()
export class OnboardingFollowUpHandler extends GmailDraftHandler {
  readonly actionType = 'onboarding_follow_up';
}
