import { contextOf, moveOf } from '../../testing/draft-fixtures';
import { renderEmail } from './email-templates';

const priya = { contact_name: 'Priya Raman', contact_email: 'priya.raman@northwind.example.com', company: 'Northwind Analytics' };

describe('renderEmail', () => {
  it('answers a demo request by first name, offers the next two business days and signs as the sender', () => {
    const email = renderEmail(contextOf(moveOf('send_email', { ...priya, action_params: { template: 'demo_request_reply' } })));
    expect(email.subject).toBe('Your demo for Northwind Analytics');
    expect(email.text).toMatch(/^Hi Priya,\n/);
    expect(email.text).toContain('Would Tuesday, 9 December or Wednesday, 10 December suit you?');
    expect(email.text).toMatch(/Best,\nCasey Jones$/);
  });

  it('words a pricing request, a cancelled meeting and a re-engagement differently', () => {
    const pricing = renderEmail(contextOf(moveOf('send_email', { ...priya, action_params: { rule: 'form.pricing_request' } })));
    const cancelled = renderEmail(contextOf(moveOf('send_email', { ...priya, action_params: { context: { signal_kind: 'meeting_cancelled' } } })));
    const silent = renderEmail(contextOf(moveOf('send_email', { ...priya, action_params: { context: { deal_name: 'Northwind expansion' } } })));
    expect(pricing.subject).toBe('Pricing for Northwind Analytics');
    expect(pricing.text).toContain('how many people would use it');
    expect(cancelled.subject).toBe('New times for our call');
    expect(cancelled.text).toContain('Would Tuesday, 9 December or Wednesday, 10 December work instead?');
    expect(silent.subject).toBe('Picking up where we left off');
    expect(silent.text).toContain('since we last spoke about Northwind expansion');
  });

  it('replies in the thread with one "Re:" and neutral wording', () => {
    const reply = (subject: unknown) =>
      renderEmail(
        contextOf(
          moveOf('send_email', {
            ...priya,
            action_params: { rule: 'gmail.reply.neutral', reply_to: { thread_id: 't1', rfc822_message_id: '<m1@x>', subject } },
          }),
        ),
      );
    expect(reply('Pricing question').subject).toBe('Re: Pricing question');
    expect(reply('RE: re:Pricing question').subject).toBe('Re: Pricing question');
    expect(reply('Pricing question').text).toContain('Thanks for getting back to me.');
    expect(reply(42).subject).toBe('Following up');
  });

  it('greets unknown contacts as "there" and skips titles', () => {
    expect(renderEmail(contextOf(moveOf('send_email'))).text).toMatch(/^Hi there,\n/);
    expect(renderEmail(contextOf(moveOf('send_email', { contact_name: 'Dr. Elena Vasquez' }))).text).toMatch(/^Hi Elena,\n/);
    expect(renderEmail(contextOf(moveOf('send_email', { contact_name: 'null' }))).text).toMatch(/^Hi there,\n/);
  });

  it('names the renewal date in the operator time zone, and only when it is known and ahead', () => {
    const move = moveOf('renewal_outreach', { contact_name: 'Grace Liu', company: 'Fernway Retail' });
    const account = { isCustomer: true, renewalAt: '2025-12-16T23:30:00Z', arrUsd: 60_000, riskLevel: null, riskParts: [] };
    const berlin = renderEmail(contextOf(move, { account, timeZone: 'Europe/Berlin' }));
    const losAngeles = renderEmail(contextOf(move, { account, timeZone: 'America/Los_Angeles' }));
    expect(berlin.subject).toBe('Looking ahead to your renewal');
    expect(berlin.text).toContain('Your renewal comes up on Wednesday, 17 December.');
    expect(losAngeles.text).toContain('Your renewal comes up on Tuesday, 16 December.');
    expect(renderEmail(contextOf(move, { account: { ...account, renewalAt: '2025-11-01T00:00:00Z' } })).text).toContain('Your renewal is coming up.');
    expect(renderEmail(contextOf(move)).text).toContain('Your renewal is coming up. Before then');
  });

  it('offers days after "today" as the operator zone sees it', () => {
    // Thursday 23:30 UTC is already Friday in Berlin but still Thursday in Los Angeles.
    const move = moveOf('send_email', { ...priya, action_params: { rule: 'calendar.meeting_cancelled' } });
    const now = new Date('2025-12-11T23:30:00Z');
    expect(renderEmail(contextOf(move, { now, timeZone: 'Europe/Berlin' })).text).toContain('Would Monday, 15 December or Tuesday, 16 December work');
    expect(renderEmail(contextOf(move, { now, timeZone: 'America/Los_Angeles' })).text).toContain('Would Friday, 12 December or Monday, 15 December work');
  });

  it('kicks off onboarding after a won deal and checks in otherwise', () => {
    const helio = { contact_name: 'Lena Fischer', company: 'Helio Solar' };
    const kickoff = renderEmail(contextOf(moveOf('onboarding_follow_up', { ...helio, action_params: { rule: 'hubspot.deal_won' } })));
    const checkIn = renderEmail(contextOf(moveOf('onboarding_follow_up', helio)));
    expect(kickoff.subject).toBe('Kicking off onboarding for Helio Solar');
    expect(kickoff.text).toContain('short kickoff call');
    expect(checkIn.subject).toBe('How is onboarding going?');
    expect(checkIn.text).toMatch(/^Hi Lena,\n\nI wanted to check how onboarding is going for Helio Solar\./);
  });

  it('mails a newsletter draft to the operator for review', () => {
    const email = renderEmail(contextOf(moveOf('newsletter_draft', { title: 'Draft the December newsletter' })));
    expect(email.subject).toBe('Newsletter draft: December 2025 newsletter');
    expect(email.text).toMatch(/^Hi Casey,\n/);
    expect(email.text).toContain('Nothing has been sent to subscribers.');
    expect(email.text).toContain('Drafted by CaseyOS for the move "Draft the December newsletter".');
  });

  it('refuses action types that send no email', () => {
    expect(() => renderEmail(contextOf(moveOf('create_task')))).toThrow('No email template for action type create_task');
  });
});
