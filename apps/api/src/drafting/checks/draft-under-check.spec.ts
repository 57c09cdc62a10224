import type { CommandQueueMove } from '@caseyos/contracts';
import { contextOf, moveOf } from '../../testing/draft-fixtures';
import { renderAsset } from '../templates/asset-templates';
import { DEFAULT_VOICE } from '../templates/draft-context';
import { renderEmail } from '../templates/email-templates';
import type { DraftRequest } from '../writers/draft-writer';
import { draftProblems, problemCodes } from './draft-checks';
import { underCheck } from './draft-under-check';

const priya = { contact_name: 'Priya Raman', contact_email: 'priya.raman@northwind.example.com', company: 'Northwind Analytics' };
const requestOf = (move: CommandQueueMove): DraftRequest => ({ ...contextOf(move), voice: DEFAULT_VOICE, profile: null, trigger: { replyText: null } });
const replyTo = (subject: string) => ({ rule: 'gmail.reply.neutral', reply_to: { thread_id: 't-1', rfc822_message_id: '<m-1@example.com>', subject } });

/** The codes of the email template's draft of the move, checked as the template's or as a model's that wrote it word for word. */
function emailCodes(move: CommandQueueMove, by: 'template' | 'model'): string {
  const request = requestOf(move);
  const draft = renderEmail(request);
  return problemCodes(draftProblems(underCheck('email', draft, request, 'contact', by === 'model' ? { by, reference: draft } : { by })));
}

describe('underCheck', () => {
  it.each([
    ['a reply subject about a free trial', moveOf('send_email', { ...priya, action_params: replyTo('Free trial question') })],
    ['a reply subject about cancelling', moveOf('send_email', { ...priya, action_params: replyTo('How do I cancel the subscription?') })],
    ['a deal named for a free trial', moveOf('send_email', { ...priya, action_params: { context: { deal_name: 'Northwind Free Trial' } } })],
    ['a company named Credit', moveOf('onboarding_follow_up', { ...priya, company: 'Alpha Credit', action_params: { rule: 'hubspot.deal_won' } })],
    ['a company named Guaranteed', moveOf('renewal_outreach', { ...priya, company: 'Guaranteed Rate' })],
  ])('passes the template\u2019s draft, and a model\u2019s quoting the same facts, with %s', (_what, move) => {
    expect(emailCodes(move, 'template')).toBe('');
    expect(emailCodes(move, 'model')).toBe('');
  });

  it.each(['Why our free trial converts', 'Pricing update: 10% off annual plans'])('passes a content move whose source title is "%s"', (subject) => {
    const request = requestOf(moveOf('social_post', { action_params: { context: { subject, signal_label: subject } } }));
    const draft = renderAsset(request);
    expect(problemCodes(draftProblems(underCheck('asset', draft, request, 'contact', { by: 'template' })))).toBe('');
    expect(problemCodes(draftProblems(underCheck('asset', draft, request, 'contact', { by: 'model', reference: draft })))).toBe('');
  });

  it.each(['RE: Q3 pricing for 25 seats', 'Re: Re: Q3 pricing for 25 seats'])(
    'lets a model\u2019s subject quote the reply\u2019s "%s" as "Re: <subject>"',
    (subject) => {
      expect(emailCodes(moveOf('send_email', { ...priya, action_params: replyTo(subject) }), 'model')).toBe('');
    },
  );

  it('cuts only whole words of the contact\u2019s subject from what the model was given', () => {
    const move = moveOf('send_email', { ...priya, deal_amount: 10500, action_params: replyTo('10') });
    const request = requestOf(move);
    const reference = renderEmail(request);
    const draft = { ...reference, text: reference.text.replace(/\n\n/, '\n\nAbout the $10,500 renewal.\n\n') };
    expect(problemCodes(draftProblems(underCheck('email', draft, request, 'contact', { by: 'model', reference })))).toBe('');
  });
});
