import { type ActivityRunner, DAY, pickDeal } from './activity-kinds';
import type { CrmContact, CrmDeal } from './crm-records';
import { OPEN_STAGE_IDS } from './deal-pipeline';
import type { GmailMessage, MailAddress } from './gmail-records';
import { bounceMail } from './mail-factory';
import { answering, deliver, newMessageId, ourAddress, quote, receiveReply, replySubject, sendFromUs } from './mail-actions';
import { headerValue, messageIdsIn, parseAddressList, plainText } from './mime-message';
import type { SandboxWorld } from './sandbox-world';
import { OUTBOUND_OPENERS, REPLY_LINES } from './seed-catalog';

type MailActivity = 'email_sent' | 'email_reply' | 'email_forwarded_reply' | 'email_bcc_reply' | 'email_auto_reply' | 'email_bounce';

/** Mail we send and the kinds of answers a sales inbox gets back. */
export const MAIL_ACTIVITIES: Record<MailActivity, ActivityRunner> = {
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
};

/** A message we sent (drafts have no SENT label) to one of the portal's contacts. */
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
