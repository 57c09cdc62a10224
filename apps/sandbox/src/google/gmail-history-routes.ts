import type { FastifyInstance } from 'fastify';
import { googleErrors } from '../http/google-errors';
import { decodeOpaqueToken, encodeOpaqueToken } from '../http/opaque-token';
import type { SandboxContext } from '../sandbox-context';
import type { GmailHistoryRecord, HistoryType } from '../world/gmail-records';
import { assertOwnMailbox, listParam, pageSize } from './gmail-request-params';
import { GMAIL_READ_SCOPES } from './google-scopes';

const HISTORY_TYPES: Record<HistoryType, string> = {
  messageAdded: 'messagesAdded',
  messageDeleted: 'messagesDeleted',
  labelAdded: 'labelsAdded',
  labelRemoved: 'labelsRemoved',
};

const isCursor = (value: unknown): value is { after: number } => typeof (value as { after?: unknown })?.after === 'number';

function recordView(record: GmailHistoryRecord) {
  const { id, threadId, labelIds } = record.message;
  return { id: String(record.id), messages: [{ id, threadId }], [HISTORY_TYPES[record.type]]: [{ message: { id, threadId, labelIds } }] };
}

/**
 * users.history.list: changes after startHistoryId, oldest first. A start id older than the
 * retained history gets Gmail's 404; the client then has to run a full sync.
 */
export function registerGmailHistoryRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  scope.get<{ Params: { userId: string }; Querystring: Record<string, unknown> }>(
    '/gmail/v1/users/:userId/history',
    { config: { googleScopes: GMAIL_READ_SCOPES, faultKinds: ['stale_history_id'], responseFaults: { missing_sync_cursor: ['historyId'] } } },
    async (request) => {
      assertOwnMailbox(ctx, request.params.userId);
      const { mailbox } = ctx.world;
      const start = Number(request.query.startHistoryId);
      if (request.query.startHistoryId === undefined || !Number.isInteger(start) || start < 0) {
        throw googleErrors.gmailInvalid('Invalid startHistoryId');
      }
      const types = listParam(request.query.historyTypes);
      if (types.some((t) => !(t in HISTORY_TYPES))) throw googleErrors.gmailInvalid('Invalid historyTypes');
      if (start < mailbox.oldestAnsweredHistoryId) throw googleErrors.gmailNotFound();
      const cursor = request.query.pageToken === undefined ? undefined : decodeOpaqueToken(String(request.query.pageToken), isCursor);
      if (request.query.pageToken !== undefined && !cursor) throw googleErrors.gmailInvalid('Invalid pageToken');
      const { records, hasMore } = mailbox.history({
        startHistoryId: start,
        afterRecordId: cursor?.after,
        types: types.length > 0 ? (types as HistoryType[]) : undefined,
        labelId: typeof request.query.labelId === 'string' ? request.query.labelId : undefined,
        maxResults: pageSize(request.query.maxResults),
      });
      return {
        ...(records.length > 0 ? { history: records.map(recordView) } : {}),
        ...(hasMore ? { nextPageToken: encodeOpaqueToken({ after: records[records.length - 1].id }) } : {}),
        historyId: String(mailbox.historyId),
      };
    },
  );
}
