import type { ActionType } from '@caseyos/contracts';
import { renderAsset } from './asset-templates';
import type { DraftContext } from './draft-context';
import { classify, type DraftFacts, firstNameOf, readFacts, senderName } from './draft-facts';
import { assertResolved } from './draft-guard';
import { EMAIL_COPY, type EmailKind, SEND_EMAIL_KINDS } from './email-copy';
import { fill } from './fill';
import { daysBetween, formatDay, instant, nextBusinessDays } from './format';
import { clean, lines } from './text';
import { greetingFor, shapeParagraphs, signOffFor, voiceOf } from './voice';

export interface EmailDraft {
  subject: string;
  text: string;
}

const EMAIL_ACTIONS: readonly ActionType[] = ['send_email', 'renewal_outreach', 'onboarding_follow_up', 'newsletter_draft'];

/** The email a move drafts; for newsletter_draft, the draft mailed to the operator for review. */
export function renderEmail(ctx: DraftContext): EmailDraft {
  const { move } = ctx;
  if (!EMAIL_ACTIONS.includes(move.action_type)) throw new Error(`No email template for action type ${move.action_type}`);
  const facts = readFacts(move);
  const draft = move.action_type === 'newsletter_draft' ? newsletterForReview(ctx, facts) : customerEmail(ctx, facts);
  return assertResolved(draft, `email for move ${move.id}`);
}

function customerEmail(ctx: DraftContext, facts: DraftFacts): EmailDraft {
  const copy = EMAIL_COPY[emailKind(ctx.move.action_type, facts)];
  const voice = voiceOf(ctx);
  const topic = facts.signal.dealName ?? facts.company;
  const values = {
    greeting: greetingFor(voice, facts),
    signoff: signOffFor(voice, senderName(ctx.sender)),
    days: nextBusinessDays(ctx.now, ctx.timeZone, 2).join(' or '),
    forCompany: facts.company ? ` for ${facts.company}` : '',
    yourTeam: facts.company ?? 'your team',
    aboutTopic: topic ? ` about ${topic}` : '',
    renewalSentence: renewalSentence(ctx),
  };
  const original = facts.replyTo?.subject?.replace(/^(?:\s*re\s*:\s*)+/i, '');
  // Greeting and sign-off stay as the profile has them; the paragraphs between take the voice.
  const paragraphs = fill(copy.body, values).split('\n\n');
  const middle = shapeParagraphs(paragraphs.slice(1, -1), voice);
  return {
    subject: original ? `Re: ${original}` : fill(copy.subject, values),
    text: [paragraphs[0], ...middle, paragraphs[paragraphs.length - 1]].join('\n\n'),
  };
}

function emailKind(actionType: ActionType, facts: DraftFacts): EmailKind {
  if (actionType === 'renewal_outreach') return 'renewal';
  if (actionType === 'onboarding_follow_up') {
    const kickoff = facts.rule === 'hubspot.deal_won' || facts.template === 'onboarding_kickoff';
    return kickoff ? 'onboarding_kickoff' : 'onboarding_check_in';
  }
  return classify(facts, SEND_EMAIL_KINDS) ?? (facts.replyTo ? 'reply' : 're_engage');
}

/** States the renewal date only when it is known and still ahead. */
function renewalSentence(ctx: DraftContext): string {
  const renewalAt = instant(ctx.account?.renewalAt);
  if (!renewalAt || daysBetween(ctx.now, renewalAt, ctx.timeZone) < 0) return 'Your renewal is coming up.';
  return `Your renewal comes up on ${formatDay(renewalAt, ctx.now, ctx.timeZone)}.`;
}

/** The Gmail copy of a newsletter issue, to the operator for review (the issue as written or as edited). */
export function newsletterReviewEmail(ctx: DraftContext, asset: { title: string; body: string }): EmailDraft {
  return assertResolved(newsletterForReview(ctx, readFacts(ctx.move), asset), `email for move ${ctx.move.id}`);
}

/** How a copy for the operator opens (not the profile's greeting: it is CaseyOS writing to them). */
export function operatorGreeting(sender: DraftContext['sender']): string {
  return `Hi ${firstNameOf(clean(sender.name, 120)) ?? 'there'},`;
}

function newsletterForReview(ctx: DraftContext, facts: DraftFacts, asset: { title: string; body: string } = renderAsset(ctx)): EmailDraft {
  return {
    subject: `Newsletter draft: ${asset.title}`,
    text: lines(
      operatorGreeting(ctx.sender),
      '',
      'Here is a first draft of the newsletter for you to edit. Nothing has been sent to subscribers.',
      '',
      '---',
      asset.title,
      '',
      asset.body,
      '---',
      '',
      facts.title ? `Drafted by CaseyOS for the move "${facts.title}".` : 'Drafted by CaseyOS.',
    ),
  };
}
