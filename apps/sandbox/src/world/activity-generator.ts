import type { CrmContact, CrmDeal } from './crm-records';
import { OPEN_STAGE_IDS, PIPELINE_ID, findStage } from './deal-pipeline';
import type { GmailMessage, MailAddress } from './gmail-records';
import { bounceMail } from './mail-factory';
import { answering, deliver, newMessageId, ourAddress, quote, receiveReply, replySubject, sendFromUs } from './mail-actions';
import { scheduleMeeting } from './meeting-actions';
import { headerValue, messageIdsIn, parseAddressList, plainText } from './mime-message';
import type { SandboxWorld } from './sandbox-world';
import { DEAL_PRODUCTS, OUTBOUND_OPENERS, REPLY_LINES } from './seed-catalog';

export const ACTIVITY_KINDS = [
  'deal_stage_forward',
  'deal_stage_backward',
  'deal_created',
  'email_sent',
  'email_reply',
  'email_forwarded_reply',
  'email_bcc_reply',
  'email_auto_reply',
  'email_bounce',
  'meeting_booked',
  'meeting_cancelled',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What one activity changed, with the ids a test or a connector can look up. */
export interface GeneratedActivity {
  kind: ActivityKind;
  skipped?: string;
  dealId?: string;
  fromStage?: string;
  toStage?: string;
  messageIds?: string[];
  threadId?: string;
  eventId?: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Generator = (world: SandboxWorld, at: number) => GeneratedActivity | string;

/**
 * Applies activities to the world. Without explicit kinds a tick makes one to three random
 * changes, weighted towards the everyday ones (replies and stage moves).
 */
export function generateActivity(world: SandboxWorld, kinds?: ActivityKind[], count = 1): GeneratedActivity[] {
  const plan = kinds ?? world.random.sample(WEIGHTED_KINDS, world.random.int(1, 3));
  const results: GeneratedActivity[] = [];
  for (const kind of plan) {
    for (let i = 0; i < count; i++) {
      // Each change gets its own millisecond so their order is stable in every listing.
      const at = world.clock.now() + results.length;
      const outcome = GENERATORS[kind](world, at);
      results.push(typeof outcome === 'string' ? { kind, skipped: outcome } : outcome);
    }
  }
  return results;
}

const WEIGHTED_KINDS: ActivityKind[] = [
  ...ACTIVITY_KINDS,
  'email_reply',
  'email_reply',
  'deal_stage_forward',
  'deal_stage_forward',
  'meeting_booked',
];

const GENERATORS: Record<ActivityKind, Generator> = {
  deal_stage_forward: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId));
    if (!deal) return 'no open deal';
    const index = OPEN_STAGE_IDS.indexOf(deal.stageId);
    const toStage = index === OPEN_STAGE_IDS.length - 1 ? (world.random.chance(0.75) ? 'closedwon' : 'closedlost') : OPEN_STAGE_IDS[index + 1];
    return moveDeal(world, deal, toStage, at, 'deal_stage_forward');
  },

  deal_stage_backward: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.indexOf(d.stageId) > 0);
    if (!deal) return 'no deal past the first stage';
    return moveDeal(world, deal, OPEN_STAGE_IDS[OPEN_STAGE_IDS.indexOf(deal.stageId) - 1], at, 'deal_stage_backward');
  },

  deal_created: (world, at) => {
    const company = world.random.pick([...world.crm.companies.values()]);
    const contacts = world.random.sample(world.crm.contactsOfCompany(company.id), world.random.int(1, 2));
    const deal = world.crm.addDeal({
      name: `${company.name} – ${world.random.pick(DEAL_PRODUCTS)}`,
      amount: world.random.int(10, 500) * 500,
      stageId: OPEN_STAGE_IDS[0],
      pipelineId: PIPELINE_ID,
      closeDate: at + world.random.int(30, 90) * DAY,
      ownerId: world.random.pick([...world.crm.owners.keys()]),
      companyId: company.id,
      contactIds: contacts.map((c) => c.id),
      createdAt: at,
      updatedAt: at,
    });
    return { kind: 'deal_created', dealId: deal.id, toStage: deal.stageId };
  },

  email_sent: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId));
    if (!deal) return 'no open deal';
    const message = sendOutbound(world, deal, at, world.random.chance(0.3));
    return { kind: 'email_sent', dealId: deal.id, messageIds: [message.id], threadId: message.threadId };
  },

  email_reply: (world, at) => {
    const sent = pickOurMessage(world, () => true);
    const recipient = sent && contactFor(world, parseAddressList(headerValue(sent.payload, 'To'))[0]);
    if (!sent || !recipient) return 'no sent message to answer';
    const reply = receiveReply(world, {
      from: addressOf(recipient),
      subject: replySubject(headerValue(sent.payload, 'Subject') ?? ''),
      text: `${world.random.pick(REPLY_LINES)}\n\n${recipient.firstName}${quote(sent, plainText(sent.payload), world.account.name)}`,
      inReplyTo: sent,
      at,
    });
    return { kind: 'email_reply', messageIds: [reply.id], threadId: reply.threadId };
  },

  email_forwarded_reply: (world, at) => {
    // Our recipient forwarded the mail to a colleague, who answers us: References name our
    // message, In-Reply-To names the forward, which never reached our mailbox.
    const sent = pickOurMessage(world, () => true);
    const recipient = sent && contactFor(world, parseAddressList(headerValue(sent.payload, 'To'))[0]);
    if (!sent || !recipient) return 'no sent message to forward';
    const onThread = new Set(['To', 'Cc', 'Bcc'].flatMap((h) => parseAddressList(headerValue(sent.payload, h)).map((a) => a.email)));
    const thirdParty = world.crm.contactsOfCompany(recipient.companyId).find((c) => !onThread.has(c.email));
    if (!thirdParty) return 'no colleague off the thread';
    const forwardId = newMessageId(world, recipient.email);
    const subject = headerValue(sent.payload, 'Subject') ?? '';
    const reply = receiveReply(world, {
      from: addressOf(thirdParty),
      cc: [addressOf(recipient)],
      subject: `Re: Fwd: ${subject}`,
      text: [
        `Hi ${world.account.name.split(' ')[0]}, ${recipient.firstName} forwarded me your note – I look after this on our side. Could we set up a call next week?`,
        '',
        `${thirdParty.firstName}`,
        '',
        '---------- Forwarded message ---------',
        `From: ${headerValue(sent.payload, 'From')}`,
        `Date: ${headerValue(sent.payload, 'Date')}`,
        `Subject: ${subject}`,
        `To: ${headerValue(sent.payload, 'To')}`,
        '',
        plainText(sent.payload),
      ].join('\n'),
      inReplyTo: sent,
      threading: { messageId: forwardId, references: [...answering(sent).references, answering(sent).messageId] },
      at,
    });
    return { kind: 'email_forwarded_reply', messageIds: [reply.id], threadId: reply.threadId };
  },

  email_bcc_reply: (world, at) => {
    let sent = pickOurMessage(world, (m) => headerValue(m.payload, 'Bcc') !== undefined);
    const generated: string[] = [];
    if (!sent) {
      const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId) && world.crm.contactsOfCompany(d.companyId).length > 1);
      if (!deal) return 'no open deal with two contacts';
      sent = sendOutbound(world, deal, at - 1, true);
      generated.push(sent.id);
    }
    const bccd = contactFor(world, parseAddressList(headerValue(sent.payload, 'Bcc'))[0]);
    if (!bccd) return 'Bcc recipient is not a contact';
    const reply = receiveReply(world, {
      from: addressOf(bccd),
      subject: replySubject(headerValue(sent.payload, 'Subject') ?? ''),
      text: `Thanks for keeping me in the loop. From the finance side we would need the annual option priced separately.\n\n${bccd.firstName}`,
      inReplyTo: sent,
      at,
    });
    return { kind: 'email_bcc_reply', messageIds: [...generated, reply.id], threadId: reply.threadId };
  },

  email_auto_reply: (world, at) => {
    const sent = pickOurMessage(world, () => true);
    const recipient = sent && contactFor(world, parseAddressList(headerValue(sent.payload, 'To'))[0]);
    if (!sent || !recipient) return 'no sent message to auto-answer';
    const back = new Date(at + world.random.int(3, 10) * DAY).toISOString().slice(0, 10);
    const reply = receiveReply(world, {
      from: addressOf(recipient),
      subject: `Out of Office: ${headerValue(sent.payload, 'Subject') ?? ''}`,
      text: `I am out of the office with limited access to email until ${back}. For urgent matters please contact our main office.`,
      inReplyTo: sent,
      extraHeaders: [
        { name: 'Auto-Submitted', value: 'auto-replied' },
        { name: 'X-Autoreply', value: 'yes' },
      ],
      at,
    });
    return { kind: 'email_auto_reply', messageIds: [reply.id], threadId: reply.threadId };
  },

  email_bounce: (world, at) => {
    // A follow-up to someone who has left the company: sent, then bounced by the mailer-daemon.
    const sent = pickOurMessage(world, () => true);
    const recipient = sent && parseAddressList(headerValue(sent.payload, 'To'))[0];
    if (!sent || !recipient) return 'no sent message to follow up on';
    const followUp = sendFromUs(world, {
      to: [recipient],
      subject: replySubject(headerValue(sent.payload, 'Subject') ?? ''),
      text: `Hi ${recipient.name.split(' ')[0] || 'there'},\n\nCircling back on my last note – is this still a priority this quarter?\n\n${world.account.name}`,
      inReplyTo: sent,
      at: at - 1,
    });
    const bounce = deliver(
      world,
      bounceMail({
        to: ourAddress(world),
        failedRecipient: recipient.email,
        date: at,
        messageId: `<${world.random.chars(20, '0123456789abcdef')}@mx.google.com>`,
        original: {
          messageId: headerValue(followUp.payload, 'Message-ID') ?? '',
          references: messageIdsIn(headerValue(followUp.payload, 'References')),
          subject: headerValue(followUp.payload, 'Subject') ?? '',
          from: headerValue(followUp.payload, 'From') ?? '',
          date: headerValue(followUp.payload, 'Date') ?? '',
        },
        boundary: `0000000000${world.random.chars(18, '0123456789abcdef')}`,
      }),
      { threadId: followUp.threadId, labelIds: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], at, seeded: false },
    );
    return { kind: 'email_bounce', messageIds: [followUp.id, bounce.id], threadId: followUp.threadId };
  },

  meeting_booked: (world, at) => {
    const deal = pickDeal(world, (d) => OPEN_STAGE_IDS.includes(d.stageId));
    if (!deal) return 'no open deal';
    const event = scheduleMeeting(world, deal, at + world.random.int(1, 10) * DAY, { at });
    return { kind: 'meeting_booked', dealId: deal.id, eventId: event.id };
  },

  meeting_cancelled: (world, at) => {
    const upcoming = [...world.calendar.events.values()].filter(
      (e) => e.status !== 'cancelled' && Date.parse(String((e.fields.start as { dateTime?: string } | undefined)?.dateTime)) > at + HOUR,
    );
    if (upcoming.length === 0) return 'no upcoming meeting';
    const event = world.random.pick(upcoming);
    world.calendar.cancel(event, at);
    return { kind: 'meeting_cancelled', eventId: event.id };
  },
};

function pickDeal(world: SandboxWorld, predicate: (deal: CrmDeal) => boolean): CrmDeal | undefined {
  const candidates = [...world.crm.deals.values()].filter(predicate);
  return candidates.length > 0 ? world.random.pick(candidates) : undefined;
}

/** A message we sent to an outside recipient (drafts and follow-ups to the mailer-daemon excluded). */
function pickOurMessage(world: SandboxWorld, predicate: (message: GmailMessage) => boolean): GmailMessage | undefined {
  const candidates = [...world.mailbox.messages.values()].filter(
    (m) => m.labelIds.includes('SENT') && predicate(m) && contactFor(world, parseAddressList(headerValue(m.payload, 'To'))[0]),
  );
  return candidates.length > 0 ? world.random.pick(candidates) : undefined;
}

function contactFor(world: SandboxWorld, address: MailAddress | undefined): CrmContact | undefined {
  return address && world.crm.contactByEmail(address.email);
}

function addressOf(contact: CrmContact): MailAddress {
  return { name: `${contact.firstName} ${contact.lastName}`, email: contact.email };
}

function moveDeal(world: SandboxWorld, deal: CrmDeal, toStage: string, at: number, kind: ActivityKind): GeneratedActivity {
  const fromStage = deal.stageId;
  world.crm.moveDeal(deal, toStage, at);
  if (findStage(toStage)?.isClosed) deal.closeDate = at;
  return { kind, dealId: deal.id, fromStage, toStage };
}

/** A new outbound thread to the deal's first contact, optionally Bcc'ing a colleague of theirs. */
function sendOutbound(world: SandboxWorld, deal: CrmDeal, at: number, withBcc: boolean): GmailMessage {
  const contacts = deal.contactIds.map((id) => world.crm.contacts.get(id)).filter((c) => c !== undefined);
  const to = contacts[0] ?? world.crm.contactsOfCompany(deal.companyId)[0];
  const colleague = world.crm.contactsOfCompany(deal.companyId).find((c) => c.id !== to.id);
  return sendFromUs(world, {
    to: [addressOf(to)],
    bcc: withBcc && colleague ? [addressOf(colleague)] : undefined,
    subject: `Next steps: ${deal.name}`,
    text: `Hi ${to.firstName},\n\n${world.random.pick(OUTBOUND_OPENERS)}\n\nBest,\n${world.account.name}`,
    at,
  });
}
