export interface MailAddress {
  name: string;
  email: string;
}

export interface MailHeader {
  name: string;
  value: string;
}

/** One MIME entity: a leaf with decoded text, or a multipart container with parts. */
export interface MimePart {
  mimeType: string;
  headers: MailHeader[];
  text?: string;
  filename?: string;
  parts?: MimePart[];
}

export interface GmailMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: number;
  /** Mailbox history id of the message's last change. */
  historyId: number;
  payload: MimePart;
  /** The client's own RFC 2822 bytes (base64url), kept for format=raw of drafts. */
  raw?: string;
}

export interface GmailDraft {
  id: string;
  messageId: string;
}

export type HistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

export interface HistoryMessageRef {
  id: string;
  threadId: string;
  labelIds: string[];
}

export interface GmailHistoryRecord {
  id: number;
  type: HistoryType;
  message: HistoryMessageRef;
}
