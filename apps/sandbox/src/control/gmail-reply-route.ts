import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import type { GmailMessage, MailAddress } from '../world/gmail-records';
import { answering, deliver, newMessageId, replySubject } from '../world/mail-actions';
import { bounceMail, plainMail } from '../world/mail-factory';
import { headerValue, messageIdsIn, parseAddressList } from '../world/mime-message';
import type { SandboxWorld } from '../world/sandbox-world';
import { controlErrors } from './control-errors';
import { type ReplyRequest, parseReplyRequest } from './gmail-reply-request';

const HEX = '0123456789abcdef';

/** The message of ours being answered; a draft or someone else's message cannot be. */
function answeredMessage(world: SandboxWorld, answers: ReplyRequest['answers']): GmailMessage {
  if ('threadId' in answers) {
    const thread = world.mailbox.threadMessages(answers.threadId);
    if (thread.length === 0) throw controlErrors.notFound(`No thread ${answers.threadId} in the mailbox`);
    const ours = thread.filter((m) => m.labelIds.includes('SENT'));
    if (ours.length === 0) throw controlErrors.conflict(`Thread ${answers.threadId} has no message we sent`);
    return ours[ours.length - 1];
  }
  const message = [...world.mailbox.messages.values()].find((m) => headerValue(m.payload, 'Message-ID') === answers.rfc822MessageId);
  if (!message) throw controlErrors.notFound(`No message with Message-ID ${answers.rfc822MessageId} in the mailbox`);
  if (message.labelIds.includes('DRAFT')) throw controlErrors.conflict(`${answers.rfc822MessageId} is still a draft: send it first (users.drafts.send)`);
  if (!message.labelIds.includes('SENT')) throw controlErrors.conflict(`${answers.rfc822MessageId} is not a message we sent`);
  return message;
}

const firstAddress = (message: GmailMessage, header: string): MailAddress | undefined => parseAddressList(headerValue(message.payload, header))[0];

/** The contact's answer (or out-of-office note) in the thread, addressed to whichever of our addresses sent the original. */
function answer(world: SandboxWorld, original: GmailMessage, request: ReplyRequest, now: number): GmailMessage {
  const from = request.from ?? firstAddress(original, 'To');
  if (!from) throw controlErrors.conflict('The message answered has no To recipient; give from');
  if ([world.account.email, world.account.alias].includes(from.email)) throw controlErrors.badRequest(['from must not be one of our own addresses']);
  const subject = headerValue(original.payload, 'Subject') ?? '';
  const auto = request.kind === 'auto_reply';
  const payload = plainMail({
    from,
    to: [firstAddress(original, 'From') ?? { name: world.account.name, email: world.account.email }],
    subject: auto ? `Out of Office: ${subject}` : replySubject(subject),
    date: now,
    messageId: newMessageId(world, from.email),
    replyTo: answering(original),
    text: request.text ?? '',
    extraHeaders: auto
      ? [
          { name: 'Auto-Submitted', value: 'auto-replied' },
          { name: 'X-Autoreply', value: 'yes' },
        ]
      : [],
  });
  return deliver(world, payload, { threadId: original.threadId, labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'], at: now, seeded: false });
}

/** Gmail's mailer-daemon reporting that the original's first recipient does not exist. */
function bounce(world: SandboxWorld, original: GmailMessage, now: number): GmailMessage {
  const recipient = firstAddress(original, 'To');
  if (!recipient) throw controlErrors.conflict('The message answered has no To recipient to bounce');
  const payload = bounceMail({
    to: firstAddress(original, 'From') ?? { name: world.account.name, email: world.account.email },
    failedRecipient: recipient.email,
    date: now,
    messageId: `<${world.random.chars(20, HEX)}@mx.google.com>`,
    original: {
      messageId: headerValue(original.payload, 'Message-ID') ?? '',
      references: messageIdsIn(headerValue(original.payload, 'References')),
      subject: headerValue(original.payload, 'Subject') ?? '',
      from: headerValue(original.payload, 'From') ?? '',
      date: headerValue(original.payload, 'Date') ?? '',
    },
    boundary: `0000000000${world.random.chars(18, HEX)}`,
  });
  return deliver(world, payload, { threadId: original.threadId, labelIds: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], at: now, seeded: false });
}

/**
 * POST /_sandbox/gmail/replies: someone answers one of our sent messages, now. The answer joins
 * the thread and the mailbox history (users.history.list returns it as messageAdded), with
 * In-Reply-To/References naming the message answered.
 */
export function registerGmailReplyRoute(scope: FastifyInstance, ctx: SandboxContext): void {
  scope.post('/_sandbox/gmail/replies', async (request, reply) => {
    const { request: input, problems } = parseReplyRequest(request.body);
    if (!input) throw controlErrors.badRequest(problems);
    const { world } = ctx;
    const original = answeredMessage(world, input.answers);
    const now = ctx.clock.now();
    const message = input.kind === 'bounce' ? bounce(world, original, now) : answer(world, original, input, now);
    reply.code(201);
    return {
      id: message.id,
      threadId: message.threadId,
      rfc822MessageId: headerValue(message.payload, 'Message-ID'),
      inReplyTo: headerValue(message.payload, 'In-Reply-To'),
      labelIds: message.labelIds,
      historyId: String(message.historyId),
    };
  });
}
