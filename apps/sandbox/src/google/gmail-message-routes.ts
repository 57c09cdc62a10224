import type { FastifyInstance } from 'fastify';
import { googleErrors } from '../http/google-errors';
import { decodeOpaqueToken, encodeOpaqueToken } from '../http/opaque-token';
import type { SandboxContext } from '../sandbox-context';
import type { GmailMessage } from '../world/gmail-records';
import { messageView, parseFormat } from './gmail-message-view';
import { assertOwnMailbox, listParam, pageSize } from './gmail-request-params';
import { parseGmailQuery } from './gmail-search-query';
import { GMAIL_READ_SCOPES } from './google-scopes';

type Query = Record<string, unknown>;

/** Keyset cursor over a newest-first listing: the date and id of the last item served. */
interface ListCursor {
  d: number;
  i: string;
}

const isCursor = (value: unknown): value is ListCursor =>
  typeof (value as ListCursor)?.d === 'number' && typeof (value as ListCursor)?.i === 'string';

const newestFirst = (a: ListCursor, b: ListCursor) => b.d - a.d || (a.i < b.i ? 1 : a.i > b.i ? -1 : 0);

/** One page of a newest-first listing; keyset paging keeps pages stable while mail arrives. */
function page<T>(items: T[], key: (item: T) => ListCursor, query: Query): { items: T[]; nextPageToken?: string } {
  let sorted = [...items].sort((a, b) => newestFirst(key(a), key(b)));
  if (query.pageToken !== undefined) {
    const cursor = decodeOpaqueToken(String(query.pageToken), isCursor);
    if (!cursor) throw googleErrors.gmailInvalid('Invalid pageToken');
    sorted = sorted.filter((item) => newestFirst(cursor, key(item)) < 0);
  }
  const size = pageSize(query.maxResults);
  const slice = sorted.slice(0, size);
  return { items: slice, nextPageToken: sorted.length > size ? encodeOpaqueToken(key(slice[slice.length - 1])) : undefined };
}

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

  scope.get<{ Params: { userId: string } }>('/gmail/v1/users/:userId/profile', read, async (request) => {
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
    const result = page(messages, (m) => ({ d: m.internalDate, i: m.id }), request.query);
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
    const result = page(threads, ([id, messages]) => ({ d: latest(messages).internalDate, i: id }), request.query);
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
