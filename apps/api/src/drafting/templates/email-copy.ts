/** What a customer email is about; each has its own wording. */
export type EmailKind =
  'demo_request' | 'pricing_request' | 'meeting_cancelled' | 'reply' | 're_engage' | 'renewal' | 'onboarding_kickoff' | 'onboarding_check_in';

/**
 * Keys: greeting, signoff, days (two offered days), forCompany (" for Acme" or ""), yourTeam,
 * aboutTopic (" about the Acme deal" or ""), renewalSentence.
 */
export const EMAIL_COPY: Record<EmailKind, { subject: string; body: string }> = {
  demo_request: {
    subject: 'Your demo{{forCompany}}',
    body: `{{greeting}}

Thanks for asking for a demo. I'd be glad to walk you through it and shape it around what {{yourTeam}} is working on.

Would {{days}} suit you? Reply with a time that works, and tell me who else should join, and I'll send the invite.

{{signoff}}`,
  },
  pricing_request: {
    subject: 'Pricing{{forCompany}}',
    body: `{{greeting}}

Thanks for your interest in our pricing. It depends mostly on team size and the integrations you need, so I'd rather give you real numbers than a generic list.

Roughly how many people would use it? If it's easier to talk, a short call on {{days}} would get you a tailored quote the same day.

{{signoff}}`,
  },
  meeting_cancelled: {
    subject: 'New times for our call',
    body: `{{greeting}}

I saw our meeting had to be cancelled, no problem at all.

Would {{days}} work instead? Reply with whichever suits you, or suggest another time, and I'll send a new invite.

{{signoff}}`,
  },
  reply: {
    subject: 'Following up',
    body: `{{greeting}}

Thanks for getting back to me. I've read your note and will come back to you on each point.

If it's quicker to talk it through, I'm free on {{days}}.

{{signoff}}`,
  },
  re_engage: {
    subject: 'Picking up where we left off',
    body: `{{greeting}}

It's been a little while since we last spoke{{aboutTopic}}, so I wanted to check in.

Has anything changed on your side? If the timing isn't right, just say so and I'll get back in touch later. Otherwise I'm happy to pick things up on {{days}}.

{{signoff}}`,
  },
  renewal: {
    subject: 'Looking ahead to your renewal',
    body: `{{greeting}}

{{renewalSentence}} Before then, I'd like to hear how things are going for {{yourTeam}}: what's working, what isn't, and what you'd want from the next year.

Could we find 30 minutes on {{days}}?

{{signoff}}`,
  },
  onboarding_kickoff: {
    subject: 'Kicking off onboarding{{forCompany}}',
    body: `{{greeting}}

Welcome aboard, and thank you for choosing us. I'll be your point of contact through onboarding.

The first step is a short kickoff call to agree on goals, who needs access and a timeline. Would {{days}} work for you?

{{signoff}}`,
  },
  onboarding_check_in: {
    subject: 'How is onboarding going?',
    body: `{{greeting}}

I wanted to check how onboarding is going for {{yourTeam}}. Is anything in the way, or is anyone still waiting for access?

If it helps, I can walk through the next steps with you on {{days}}.

{{signoff}}`,
  },
};

/** Which wording a send_email move gets, by demo template name, signal rule id or signal kind. */
export const SEND_EMAIL_KINDS: ReadonlyMap<string, EmailKind> = new Map<string, EmailKind>([
  ['demo_request_reply', 'demo_request'],
  ['form.demo_request', 'demo_request'],
  ['demo_request', 'demo_request'],
  ['form.pricing_request', 'pricing_request'],
  ['pricing_request', 'pricing_request'],
  ['calendar.meeting_cancelled', 'meeting_cancelled'],
  ['meeting_cancelled', 'meeting_cancelled'],
  ['gmail.reply.neutral', 'reply'],
  ['reply_neutral', 'reply'],
]);
