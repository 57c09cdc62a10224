import type { ActionType, Domain } from './domain';

export const LENGTH_PREFERENCES = ['short', 'medium', 'long'] as const;
export type LengthPreference = (typeof LENGTH_PREFERENCES)[number];

/** How the founder writes; the default one drafts for every domain without a profile of its own. */
export interface VoiceProfile {
  id: string;
  name: string;
  tone_notes: string;
  /** `{first_name}` and `{name}` are filled with the contact's ("there" when unknown). */
  greeting: string;
  sign_off: string;
  length: LengthPreference;
  phrases_to_use: string[];
  phrases_to_avoid: string[];
  example_messages: string[];
  is_default: boolean;
  /** Drafts for moves of this domain use this profile; null: only as the default. */
  domain: Domain | null;
  created_at: string;
  updated_at: string;
}

export interface VoiceProfileInput {
  name: string;
  tone_notes?: string;
  greeting?: string;
  sign_off?: string;
  length?: LengthPreference;
  phrases_to_use?: string[];
  phrases_to_avoid?: string[];
  example_messages?: string[];
  is_default?: boolean;
  domain?: Domain | null;
}

export type VoiceProfileUpdate = Partial<VoiceProfileInput>;

export const DRAFT_WRITERS = ['template', 'llm'] as const;
export type DraftWriterName = (typeof DRAFT_WRITERS)[number];

/** Who wrote a draft: kept on the execution's plan and in its audit entry. */
export interface DraftProvenance {
  writer: DraftWriterName;
  profile: { id: string | null; name: string };
  /** Set when the language model was asked and its draft was not used: why. */
  fallback: string | null;
  /** True when a person edited the draft before it went. */
  edited: boolean;
}

/** A social post's text for one channel. */
export interface ChannelVariantView {
  channel: string;
  body: string;
  max_length: number | null;
}

/**
 * A person's edit of the draft, sent with an execute or a dry run. Which fields apply depends on
 * the action type: email (subject, body), meeting (slot_start, agenda), task (subject, due_at),
 * asset (title, body, variants); a field the action type does not take is refused.
 */
export interface DraftEdit {
  subject?: string;
  body?: string;
  /** ISO time the meeting starts (it keeps its length). */
  slot_start?: string;
  agenda?: string[];
  /** ISO time the task is due. */
  due_at?: string;
  title?: string;
  variants?: { channel: string; body: string }[];
  /**
   * The id of the dry run that showed these texts. Every text of the draft (an email's or an
   * asset's) is needed. Word for word the dry run's draft, they execute as shown: no new model
   * call, recorded with that dry run's writer, not edited. Otherwise they are an ordinary edit.
   */
  shown_by?: string;
}

/** The fields of an edit that carry a draft's text or time (everything but the `shown_by` marker). */
export type DraftEditField = Exclude<keyof DraftEdit, 'shown_by'>;

/** The built-in sample moves a profile previews against: a prospect's demo request, a prospect's reply. */
export const VOICE_PREVIEW_SAMPLES = ['demo_request', 'reply'] as const;
export type VoicePreviewSample = (typeof VOICE_PREVIEW_SAMPLES)[number];

export interface VoicePreviewRequest {
  /** Preview for this move; absent: a built-in sample move. */
  move_id?: string;
  /** Which built-in sample, when there is no move_id (default demo_request); not with move_id. */
  sample?: VoicePreviewSample;
}

/** A draft as the writers made it, for a preview. */
export interface DraftPreview {
  kind: 'email' | 'meeting' | 'task' | 'asset';
  /** The move the draft was written for, or null for the built-in sample. */
  move_id: string | null;
  action_type: string;
  subject: string;
  body: string;
  variants?: ChannelVariantView[];
  provenance: DraftProvenance;
}

/** The kind of draft an action type's plan carries, which decides the fields a person may edit. */
export type DraftKind = 'email' | 'meeting' | 'task' | 'asset';

/** Which draft each action type makes (newsletter_draft: the issue; its Gmail copy follows it). */
export const DRAFT_KIND_OF: Readonly<Record<ActionType, DraftKind>> = {
  send_email: 'email',
  renewal_outreach: 'email',
  onboarding_follow_up: 'email',
  book_meeting: 'meeting',
  create_task: 'task',
  risk_escalation: 'task',
  cs_health_check: 'task',
  content_repurpose: 'asset',
  social_post: 'asset',
  newsletter_draft: 'asset',
  asset_create: 'asset',
};

/** The `DraftEdit` fields each kind of draft takes; any other is refused. */
export const DRAFT_EDIT_FIELDS: Readonly<Record<DraftKind, readonly DraftEditField[]>> = {
  email: ['subject', 'body'],
  meeting: ['slot_start', 'agenda'],
  task: ['subject', 'due_at'],
  asset: ['title', 'body', 'variants'],
};
