import type { GmailDraft, GmailHistoryRecord, GmailMessage, HistoryType, MimePart } from './gmail-records';
import { headerValue, messageIdsIn, normalizeSubject } from './mime-message';

export interface HistoryQuery {
  startHistoryId: number;
  /** Only records after this id (the page token). */
  afterRecordId?: number;
  types?: HistoryType[];
  labelId?: string;
  maxResults: number;
}

/**
 * The mailbox of the connected Google account. Every change appends a history record under a
 * new, increasing (not contiguous) history id, as Gmail's users.history does.
 */
export class GmailMailbox {
  readonly messages = new Map<string, GmailMessage>();
  readonly drafts = new Map<string, GmailDraft>();
  private records: GmailHistoryRecord[] = [];
  private messageCounter = 0;
  private draftCounter = 0;
  private currentHistoryId: number;
  /** Oldest startHistoryId still answered; anything older gets Gmail's 404. */
  private floor: number;

  constructor(
    initialHistoryId: number,
    private readonly idPrefix: bigint,
    private readonly retention: () => number,
  ) {
    this.currentHistoryId = initialHistoryId;
    this.floor = initialHistoryId;
  }

  get historyId(): number {
    return this.currentHistoryId;
  }

  get oldestAnsweredHistoryId(): number {
    return this.floor;
  }

  get historyRecordCount(): number {
    return this.records.length;
  }

  /** Gmail-style 16 hex digit id; a new thread takes the id of its first message. */
  nextMessageId(): string {
    this.messageCounter += 1;
    return (this.idPrefix + BigInt(this.messageCounter) * 0x2f1n).toString(16);
  }

  /** Messages present when the world is seeded: part of the mailbox, not of its history. */
  seedMessage(message: Omit<GmailMessage, 'historyId'>): GmailMessage {
    const stored = { ...message, historyId: this.currentHistoryId };
    this.messages.set(stored.id, stored);
    return stored;
  }

  addMessage(message: Omit<GmailMessage, 'historyId'>): GmailMessage {
    const stored = { ...message, historyId: 0 };
    this.messages.set(stored.id, stored);
    stored.historyId = this.record('messageAdded', stored);
    return stored;
  }

  createDraft(payload: MimePart, raw: string, requestedThreadId: string | undefined, now: number): GmailDraft {
    const id = this.nextMessageId();
    this.addMessage({
      id,
      threadId: this.threadForDraft(payload, requestedThreadId) ?? id,
      labelIds: ['DRAFT'],
      internalDate: now,
      payload,
      raw,
    });
    this.draftCounter += 1;
    const draft = { id: `r${(BigInt(this.draftCounter) * 7_919n + 1_000_000_000_000_000_000n).toString()}`, messageId: id };
    this.drafts.set(draft.id, draft);
    return draft;
  }

  deleteDraft(draftId: string): boolean {
    const draft = this.drafts.get(draftId);
    if (!draft) return false;
    this.drafts.delete(draftId);
    const message = this.messages.get(draft.messageId);
    if (message) {
      this.messages.delete(message.id);
      this.record('messageDeleted', message);
    }
    return true;
  }

  /** The draft goes out: its message stays, filed as SENT instead of DRAFT (Gmail keeps the Message-ID). */
  sendDraft(draftId: string): GmailMessage | null {
    const draft = this.drafts.get(draftId);
    const message = draft && this.messages.get(draft.messageId);
    if (!draft || !message) return null;
    this.drafts.delete(draftId);
    message.labelIds = [...message.labelIds.filter((label) => label !== 'DRAFT'), 'SENT'];
    message.historyId = this.record('labelAdded', message);
    return message;
  }

  threadMessages(threadId: string): GmailMessage[] {
    return [...this.messages.values()].filter((m) => m.threadId === threadId).sort((a, b) => a.internalDate - b.internalDate);
  }

  /**
   * Gmail only files a draft into the requested thread when its References/In-Reply-To name a
   * message of that thread and its Subject matches; otherwise the draft starts a new thread.
   */
  private threadForDraft(payload: MimePart, requestedThreadId: string | undefined): string | undefined {
    if (!requestedThreadId) return undefined;
    const thread = this.threadMessages(requestedThreadId);
    const referenced = new Set([...messageIdsIn(headerValue(payload, 'References')), ...messageIdsIn(headerValue(payload, 'In-Reply-To'))]);
    const answersThread = thread.some((m) => referenced.has(headerValue(m.payload, 'Message-ID') ?? ''));
    const subject = normalizeSubject(headerValue(payload, 'Subject') ?? '');
    const subjectMatches = thread.some((m) => normalizeSubject(headerValue(m.payload, 'Subject') ?? '') === subject);
    return answersThread && subjectMatches ? requestedThreadId : undefined;
  }

  history(query: HistoryQuery): { records: GmailHistoryRecord[]; hasMore: boolean } {
    const matching = this.records.filter(
      (r) =>
        r.id > query.startHistoryId &&
        r.id > (query.afterRecordId ?? 0) &&
        (!query.types || query.types.includes(r.type)) &&
        (!query.labelId || r.message.labelIds.includes(query.labelId)),
    );
    return { records: matching.slice(0, query.maxResults), hasMore: matching.length > query.maxResults };
  }

  /** Drops the oldest records beyond the retention, moving the answerable floor forward. */
  private trimHistory(): void {
    const excess = this.records.length - this.retention();
    if (excess <= 0) return;
    const dropped = this.records.splice(0, excess);
    this.floor = dropped[dropped.length - 1].id;
  }

  private record(type: HistoryType, message: GmailMessage): number {
    // Gmail's history ids grow with every mailbox change, not by exactly one per record.
    this.currentHistoryId += 1 + (this.records.length % 3);
    this.records.push({
      id: this.currentHistoryId,
      type,
      message: { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] },
    });
    this.trimHistory();
    return this.currentHistoryId;
  }
}
