import type { AuditEntry } from './audit';
import type { CommandQueueMove } from './command-queue';
import type { DraftAsset, ExecutionView, ExternalObjectKind } from './execution';
import type { OutcomeView } from './outcomes';
import type { SignalView } from './signals';

/**
 * Everything CaseyOS holds about one person (GET /api/contacts/{email}/export), grouped by kind:
 * the rows that are theirs and the rows of others that mention their address. An unknown
 * address gives the same document with every list empty.
 */
export interface ContactExport {
  contact_email: string;
  /** The keyed pseudonym the audit log knows the person by (docs/PRIVACY.md). */
  contact_ref: string;
  exported_at: string;
  signals: SignalView[];
  moves: CommandQueueMove[];
  /** Real executions and dry runs, with their plans and results. */
  executions: ExecutionView[];
  draft_assets: DraftAsset[];
  outcomes: OutcomeView[];
  /** Audit entries that mention the address, or are about one of their moves or outcomes. */
  audit: AuditEntry[];
}

/** What an erasure did to one table: rows deleted, and rows kept with the person taken out. */
export interface ErasedRows {
  deleted: number;
  scrubbed: number;
}

/** An object CaseyOS made in a provider for the person (by the execution that made it). */
export interface ErasedObjectRef {
  execution_id: string;
  kind: ExternalObjectKind;
  id: string;
}

/** Why an object made for the person stays where it is. */
export type KeptObjectReason = 'sent' | 'completed' | 'meeting';

export interface KeptObject extends ErasedObjectRef {
  reason: KeptObjectReason;
}

export interface FailedObject extends Omit<ErasedObjectRef, 'id'> {
  /** Null when the search for objects an aborted attempt may have left failed. */
  id: string | null;
  /** The provider's answer, as the connector reported it. */
  reason: string;
}

/** The provider side of an erasure: Gmail drafts and HubSpot tasks still open are removed, the rest are listed. */
export interface ExternalErasure {
  /** Removed now, or already gone. */
  removed: ErasedObjectRef[];
  /** Left alone: a sent email, a completed task, a meeting in the calendar. */
  kept: KeptObject[];
}

/** The provider side as tried, failures included: the `erasure` of a 502 `erasure-incomplete` problem. */
export interface ExternalRemoval extends ExternalErasure {
  failed: FailedObject[];
}

/** DELETE /api/contacts/{email}: what was erased. The address itself appears nowhere, here or in the audit. */
export interface ContactErasureResponse {
  contact_ref: string;
  erased_at: string;
  /** Per table: rows deleted and rows scrubbed (an unknown address: every count 0). */
  tables: Record<string, ErasedRows>;
  external: ExternalErasure;
}
