import type { FastifyInstance } from 'fastify';
import { googleErrors } from '../http/google-errors';
import type { SandboxContext } from '../sandbox-context';
import type { GmailMessage } from '../world/gmail-records';
import { messageView, parseFormat } from './gmail-message-view';
import { newestFirstPage } from './gmail-list-page';
import { assertOwnMailbox, listParam } from './gmail-request-params';
import { parseGmailQuery } from './gmail-search-query';
import { GMAIL_READ_SCOPES } from './google-scopes';

type Query = Record<string, unknown>;

function matchingMessages(ctx: SandboxContext, query: Query): GmailMessage[] {
  const matches = parseGmailQuery(typeof query.q === 'string' ? query.q : undefined, ctx.clock.now());
  const labels = listParam(query.labelIds);
  return [...ctx.world.mailbox.messages.values()].filter((m) => labels.every((l) => m.labelIds.includes(l)) && matches(m));
}

function threadsOf(messages: GmailMessage[]): Map<string, GmailMessage[]> {
  const threads = new Map<string, GmailMessage[]>();
  for (const message of messages) threads.set(message.threadId, [...(threads.get(message.threadId) ?? []), message]);
  return threads;
}

export function registerGmailMessageRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const read = { config: { googleScopes: GMAIL_READ_SCOPES } };

  const profile = { config: { ...read.config, responseFaults: { missing_sync_cursor: ['historyId'] } } };
  scope.get<{ Params: { userId: string } }>('/gmail/v1/users/:userId/profile', profile, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const { mailbox, account } = ctx.world;
    return {
      emailAddress: account.email,
      messagesTotal: mailbox.messages.size,
      threadsTotal: threadsOf([...mailbox.messages.values()]).size,
      historyId: String(mailbox.historyId),
    };
  });

  scope.get<{ Params: { userId: string }; Querystring: Query }>('/gmail/v1/users/:userId/messages', read, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const messages = matchingMessages(ctx, request.query);
    const result = newestFirstPage(messages, (m) => ({ d: m.internalDate, i: m.id }), request.query);
    return {
      ...(result.items.length > 0 ? { messages: result.items.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}),
      ...(result.nextPageToken ? { nextPageToken: result.nextPageToken } : {}),
      resultSizeEstimate: messages.length,
    };
  });

  scope.get<{ Params: { userId: string; id: string }; Querystring: Query }>('/gmail/v1/users/:userId/messages/:id', read, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    if (!/^[0-9a-f]+$/i.test(request.params.id)) throw googleErrors.gmailInvalid('Invalid id value');
    const message = ctx.world.mailbox.messages.get(request.params.id);
    if (!message) throw googleErrors.gmailNotFound();
    const format = parseFormat(request.query.format);
    if (!format) throw googleErrors.gmailInvalid(`Invalid value at 'format' (${String(request.query.format)})`);
    return messageView(message, format, listParam(request.query.metadataHeaders));
  });

  scope.get<{ Params: { userId: string }; Querystring: Query }>('/gmail/v1/users/:userId/threads', read, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const matchingThreadIds = new Set(matchingMessages(ctx, request.query).map((m) => m.threadId));
    const threads = [...threadsOf([...ctx.world.mailbox.messages.values()])].filter(([id]) => matchingThreadIds.has(id));
    const latest = (messages: GmailMessage[]) => messages.reduce((a, b) => (b.internalDate > a.internalDate ? b : a));
    const result = newestFirstPage(threads, ([id, messages]) => ({ d: latest(messages).internalDate, i: id }), request.query);
    return {
      ...(result.items.length > 0
        ? {
            threads: result.items.map(([id, messages]) => {
              const last = messageView(latest(messages), 'minimal');
              return { id, snippet: last.snippet, historyId: String(Math.max(...messages.map((m) => m.historyId))) };
            }),
          }
        : {}),
      ...(result.nextPageToken ? { nextPageToken: result.nextPageToken } : {}),
      resultSizeEstimate: threads.length,
    };
  });

  scope.get<{ Params: { userId: string; id: string }; Querystring: Query }>('/gmail/v1/users/:userId/threads/:id', read, async (request) => {
    assertOwnMailbox(ctx, request.params.userId);
    const messages = ctx.world.mailbox.threadMessages(request.params.id);
    if (messages.length === 0) throw googleErrors.gmailNotFound();
    const format = parseFormat(request.query.format);
    if (!format || format === 'raw') throw googleErrors.gmailInvalid(`Invalid value at 'format' (${String(request.query.format)})`);
    return {
      id: request.params.id,
      historyId: String(Math.max(...messages.map((m) => m.historyId))),
      messages: messages.map((m) => messageView(m, format, listParam(request.query.metadataHeaders))),
    };
  });
}
