import { Inject, Injectable, Logger } from '@nestjs/common';
import type { gmail_v1 } from '@googleapis/gmail';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { ConnectorCallOptions } from '../call-options';
import { ConnectorSettings } from '../connector-settings';
import { ConnectorNotFoundError } from '../errors/connector-errors';
import { missingSyncCursor } from '../errors/missing-sync-cursor';
import { IntegrationsService } from '../oauth/integrations.service';
import { recordingSync } from '../sync-recording';
import { ComposedDraft, NewGmailDraft, composeDraft } from './gmail-draft-composer';
import { GmailMessageMetadata, METADATA_HEADERS, toMessageMetadata } from './gmail-message-metadata';
import { GoogleApiService } from './google-api.service';

export const GMAIL_HISTORY_CURSOR = 'gmail_history_id';

export interface GmailSyncBatch {
  /** Messages added since the cursor, oldest first; drafts left out. */
  messageIds: string[];
  /** The history id to continue from. */
  cursor: string;
  /** True when the cursor was missing or too old and recent mail was listed instead. */
  fullSync: boolean;
}

export interface SendAsAddress {
  address: string;
  name: string;
  isDefault: boolean;
}

export interface GmailDraftRef {
  draftId: string;
  /** Gmail's id of the draft's message. */
  messageId: string;
  threadId: string;
}

const HISTORY_PAGE_SIZE = 500;

/** The Gmail port: incremental sync, message headers, our addresses, drafts. */
@Injectable()
export class GmailConnector {
  private readonly logger = new Logger('Gmail');
  private sendAsCache: { expiresAt: number; addresses: Promise<SendAsAddress[]> } | null = null;

  constructor(
    private readonly google: GoogleApiService,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * New messages since the history id `cursor` (default: the saved one). A missing or expired
   * history id falls back to listing recent mail and restarts from the mailbox's current id.
   * Save the returned cursor with saveHistoryCursor once the messages are handled. An answer
   * without a history id fails the sync (nothing to continue from: the next run starts over).
   */
  syncHistory(cursor?: string): Promise<GmailSyncBatch> {
    return recordingSync(this.integrations, 'google', async () => {
      const start = cursor ?? (await this.integrations.cursor('google', GMAIL_HISTORY_CURSOR));
      if (!start) return this.fullSync();
      try {
        return await this.historySince(start);
      } catch (error) {
        if (!(error instanceof ConnectorNotFoundError)) throw error;
        this.logger.warn({ event: 'gmail_history_expired', provider: 'google', detail: 'history id too old; listing recent mail instead' });
        return this.fullSync();
      }
    });
  }

  saveHistoryCursor(cursor: string): Promise<void> {
    return this.integrations.recordSuccess('google', { [GMAIL_HISTORY_CURSOR]: cursor });
  }

  async messageMetadata(id: string): Promise<GmailMessageMetadata> {
    const { data } = await this.google.call(
      'gmail.messages.get',
      ({ gmail }) => gmail.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: METADATA_HEADERS }),
      { idempotent: true },
    );
    return toMessageMetadata(data);
  }

  /** Every message of a thread, with the same headers as messageMetadata: to find the message a reply answers. */
  async threadMetadata(threadId: string): Promise<GmailMessageMetadata[]> {
    const { data } = await this.google.call(
      'gmail.threads.get',
      ({ gmail }) => gmail.users.threads.get({ userId: 'me', id: threadId, format: 'metadata', metadataHeaders: METADATA_HEADERS }),
      { idempotent: true },
    );
    return (data.messages ?? []).map(toMessageMetadata);
  }

  /** The addresses we send as (primary first), cached for GOOGLE_SEND_AS_TTL_SECONDS. */
  async ourAddresses(): Promise<SendAsAddress[]> {
    const now = this.clock.now().getTime();
    if (!this.sendAsCache || this.sendAsCache.expiresAt <= now) {
      const entry = { expiresAt: now + this.settings.GOOGLE_SEND_AS_TTL_SECONDS * 1000, addresses: this.fetchSendAs() };
      this.sendAsCache = entry;
      entry.addresses.catch(() => {
        if (this.sendAsCache === entry) this.sendAsCache = null;
      });
    }
    return this.sendAsCache.addresses;
  }

  /** A draft from our default address; a reply is filed in its thread with In-Reply-To/References. */
  async createDraft(draft: NewGmailDraft, options: ConnectorCallOptions = {}): Promise<GmailDraftRef & { rfc822MessageId: string }> {
    return this.createComposedDraft(await this.compose(draft), options);
  }

  /** Makes the draft of a message composed before (`compose`), byte for byte as it was shown. */
  async createComposedDraft(composed: ComposedDraft, options: ConnectorCallOptions = {}): Promise<GmailDraftRef & { rfc822MessageId: string }> {
    const { data } = await this.google.call(
      'gmail.drafts.create',
      ({ gmail }, request) =>
        gmail.users.drafts.create(
          { userId: 'me', requestBody: { message: { raw: composed.raw, ...(composed.threadId ? { threadId: composed.threadId } : {}) } } },
          request,
        ),
      { idempotent: false, ...options },
    );
    return { draftId: data.id ?? '', messageId: data.message?.id ?? '', threadId: data.message?.threadId ?? '', rfc822MessageId: composed.messageId };
  }

  /**
   * The RFC 2822 message a draft will be, from our default send-as address (no call but the
   * cached sendAs lookup): shown in a plan, then sent as it is with `createComposedDraft`.
   */
  async compose(draft: NewGmailDraft): Promise<ComposedDraft> {
    const addresses = await this.ourAddresses();
    return composeDraft(draft, addresses.find((a) => a.isDefault) ?? addresses[0]);
  }

  /**
   * The drafts whose message has this RFC 822 Message-ID (at most 10). Gmail's search may take a
   * few seconds to see a draft made just now.
   */
  async findDraftsByMessageId(rfc822MessageId: string, options: ConnectorCallOptions = {}): Promise<GmailDraftRef[]> {
    const { data } = await this.google.call(
      'gmail.drafts.find',
      ({ gmail }, request) => gmail.users.drafts.list({ userId: 'me', q: `rfc822msgid:${rfc822MessageId.replace(/^<|>$/g, '')}`, maxResults: 10 }, request),
      { idempotent: true, ...options },
    );
    return (data.drafts ?? []).flatMap((draft) =>
      draft.id ? [{ draftId: draft.id, messageId: draft.message?.id ?? '', threadId: draft.message?.threadId ?? '' }] : [],
    );
  }

  /** Whether a message with this RFC 822 Message-ID was sent (a draft the user sent from Gmail keeps its Message-ID). */
  async wasSent(rfc822MessageId: string, options: ConnectorCallOptions = {}): Promise<boolean> {
    const { data } = await this.google.call(
      'gmail.messages.find_sent',
      ({ gmail }, request) =>
        gmail.users.messages.list({ userId: 'me', q: `rfc822msgid:${rfc822MessageId.replace(/^<|>$/g, '')} in:sent`, maxResults: 1 }, request),
      { idempotent: true, ...options },
    );
    return (data.messages ?? []).length > 0;
  }

  /** True when deleted, false when Gmail says the draft is not there (sent or deleted); any other failure throws. */
  async deleteDraft(id: string, options: ConnectorCallOptions = {}): Promise<boolean> {
    try {
      await this.google.call('gmail.drafts.delete', ({ gmail }, request) => gmail.users.drafts.delete({ userId: 'me', id }, request), {
        idempotent: true,
        ...options,
      });
      return true;
    } catch (error) {
      if (error instanceof ConnectorNotFoundError && error.objectMissing) return false;
      throw error;
    }
  }

  private async historySince(startHistoryId: string): Promise<GmailSyncBatch> {
    const ids = new Set<string>();
    let pageToken: string | undefined;
    let cursor: string | null | undefined;
    do {
      const { data } = await this.google.call(
        'gmail.history.list',
        ({ gmail }) => gmail.users.history.list({ userId: 'me', startHistoryId, historyTypes: ['messageAdded'], maxResults: HISTORY_PAGE_SIZE, pageToken }),
        { idempotent: true },
      );
      for (const record of data.history ?? []) {
        for (const added of record.messagesAdded ?? []) {
          if (added.message?.id && !added.message.labelIds?.includes('DRAFT')) ids.add(added.message.id);
        }
      }
      cursor = data.historyId;
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    if (!cursor) throw missingSyncCursor('google', 'Gmail history.list', 'historyId');
    return { messageIds: [...ids], cursor, fullSync: false };
  }

  /** Recent mail, newest first up to the bound, then reversed; the cursor is read first so nothing falls between. */
  private async fullSync(): Promise<GmailSyncBatch> {
    const { data: profile } = await this.google.call('gmail.profile', ({ gmail }) => gmail.users.getProfile({ userId: 'me' }), { idempotent: true });
    const cursor = profile.historyId;
    // Listing first would only be wasted: without a history id to restart from, the next run lists again.
    if (!cursor) throw missingSyncCursor('google', 'Gmail getProfile', 'historyId');
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const max = this.settings.GMAIL_FULL_SYNC_MAX_MESSAGES - ids.length;
      const { data }: { data: gmail_v1.Schema$ListMessagesResponse } = await this.google.call(
        'gmail.messages.list',
        ({ gmail }) =>
          gmail.users.messages.list({
            userId: 'me',
            q: `newer_than:${this.settings.GMAIL_FULL_SYNC_DAYS}d -in:drafts`,
            maxResults: Math.min(max, 500),
            pageToken,
          }),
        { idempotent: true },
      );
      ids.push(...(data.messages ?? []).flatMap((m) => (m.id ? [m.id] : [])));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken && ids.length < this.settings.GMAIL_FULL_SYNC_MAX_MESSAGES);
    return { messageIds: ids.reverse(), cursor, fullSync: true };
  }

  private async fetchSendAs(): Promise<SendAsAddress[]> {
    const { data } = await this.google.call('gmail.send_as.list', ({ gmail }) => gmail.users.settings.sendAs.list({ userId: 'me' }), { idempotent: true });
    return (data.sendAs ?? [])
      .filter((entry) => entry.isPrimary || entry.verificationStatus === 'accepted')
      .sort((a, b) => Number(!!b.isPrimary) - Number(!!a.isPrimary))
      .flatMap((entry) =>
        entry.sendAsEmail ? [{ address: entry.sendAsEmail.toLowerCase(), name: entry.displayName ?? '', isDefault: !!entry.isDefault }] : [],
      );
  }
}
