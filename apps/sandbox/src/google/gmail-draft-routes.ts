import type { FastifyInstance } from 'fastify';
import { googleErrors } from '../http/google-errors';
import type { SandboxContext } from '../sandbox-context';
import { formatAddress } from '../world/mail-factory';
import { headerValue, parseRawMessage } from '../world/mime-message';
import { newestFirstPage } from './gmail-list-page';
import { messageView, parseFormat } from './gmail-message-view';
import { assertOwnMailbox } from './gmail-request-params';
import { parseGmailQuery } from './gmail-search-query';
import { GMAIL_COMPOSE_SCOPES } from './google-scopes';

interface DraftBody {
  message?: { raw?: unknown; threadId?: unknown };
}

/**
 * users.drafts create/get/list/delete with `message.raw` (base64url RFC 2822) in a JSON body.
 * The headers are parsed out of the raw message and kept, so In-Reply-To/References can be checked.
 */
export function registerGmailDraftRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const compose = { config: { googleScopes: GMAIL_COMPOSE_SCOPES } };

  scope.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/drafts', compose, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const { message } = (request.body ?? {}) as DraftBody;
    if (typeof message?.raw !== 'string' || message.raw === '') throw googleErrors.gmailInvalid('Missing draft message');
    const rawBytes = Buffer.from(message.raw, 'base64url');
    const payload = await parseRawMessage(rawBytes).catch(() => undefined);
    if (!payload || payload.headers.length === 0) throw googleErrors.gmailInvalid('Invalid raw message');
    if (!headerValue(payload, 'From')) {
      // Gmail sends drafts without a From as the mailbox owner.
      payload.headers.unshift({ name: 'From', value: formatAddress({ name: ctx.world.account.name, email: ctx.world.account.email }) });
    }
    const threadId = typeof message.threadId === 'string' && message.threadId !== '' ? message.threadId : undefined;
    if (threadId && ctx.world.mailbox.threadMessages(threadId).length === 0) throw googleErrors.gmailNotFound();
    const draft = ctx.world.mailbox.createDraft(payload, rawBytes.toString('base64url'), threadId, ctx.clock.now());
    const stored = ctx.world.mailbox.messages.get(draft.messageId);
    return { id: draft.id, message: { id: draft.messageId, threadId: stored?.threadId, labelIds: stored?.labelIds } };
  });

  // Newest first; `q` takes the messages.list syntax (e.g. rfc822msgid:<id> to find a draft by its Message-ID).
  scope.get<{ Params: { userId: string }; Querystring: Record<string, unknown> }>('/gmail/v1/users/:userId/drafts', compose, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const { mailbox } = ctx.world;
    const matches = parseGmailQuery(typeof request.query.q === 'string' ? request.query.q : undefined, ctx.clock.now());
    const drafts = [...mailbox.drafts.values()].flatMap((draft) => {
      const message = mailbox.messages.get(draft.messageId);
      return message && matches(message) ? [{ draft, message }] : [];
    });
    const result = newestFirstPage(drafts, ({ draft, message }) => ({ d: message.internalDate, i: draft.id }), request.query);
    return {
      ...(result.items.length > 0
        ? { drafts: result.items.map(({ draft, message }) => ({ id: draft.id, message: { id: message.id, threadId: message.threadId } })) }
        : {}),
      ...(result.nextPageToken ? { nextPageToken: result.nextPageToken } : {}),
      resultSizeEstimate: drafts.length,
    };
  });

  scope.get<{ Params: { userId: string; id: string }; Querystring: Record<string, unknown> }>(
    '/gmail/v1/users/:userId/drafts/:id',
    compose,
    async (request) => {
      assertOwnMailbox(ctx, request.params.userId);
      const draft = ctx.world.mailbox.drafts.get(request.params.id);
      const message = draft && ctx.world.mailbox.messages.get(draft.messageId);
      if (!draft || !message) throw googleErrors.gmailNotFound();
      const format = parseFormat(request.query.format);
      if (!format) throw googleErrors.gmailInvalid(`Invalid value at 'format' (${String(request.query.format)})`);
      return { id: draft.id, message: messageView(message, format) };
    },
  );

  // users.drafts.send: what a person does in Gmail after CaseyOS made the draft (CaseyOS never sends).
  scope.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/drafts/send', compose, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const id = (request.body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || id === '') throw googleErrors.gmailInvalid('Missing draft id');
    const sent = ctx.world.mailbox.sendDraft(id);
    if (!sent) throw googleErrors.gmailNotFound();
    return { id: sent.id, threadId: sent.threadId, labelIds: sent.labelIds };
  });

  scope.delete<{ Params: { userId: string; id: string } }>('/gmail/v1/users/:userId/drafts/:id', compose, async (request, reply) => {
    assertOwnMailbox(ctx, request.params.userId);
    if (!ctx.world.mailbox.deleteDraft(request.params.id)) throw googleErrors.gmailNotFound();
    reply.code(204).send();
  });
}
