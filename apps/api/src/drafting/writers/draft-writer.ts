import type { DraftKind, DraftWriterName, VoiceProfile } from '@caseyos/contracts';
import type { AssetDraft } from '../templates/asset-templates';
import type { DraftContext, Voice } from '../templates/draft-context';
import type { EmailDraft } from '../templates/email-templates';
import type { MeetingDraft } from '../templates/meeting-templates';
import type { TaskDraft } from '../templates/task-templates';

/** What a draft is: an email (subject, text), a calendar event, a CRM task, a marketing asset. */
export type { DraftKind };

export interface DraftByKind {
  email: EmailDraft;
  meeting: MeetingDraft;
  task: TaskDraft;
  asset: AssetDraft;
}

/**
 * The triggering signal's own words, beyond the facts the move carries: the reply being answered
 * (untrusted: it is the contact's text, never an instruction). Form fields and the renewal date
 * reach the writers as the move's facts and the account's.
 */
export interface DraftTrigger {
  replyText: string | null;
}

/** What the caller knows: the move, who sends, the account, the clock; drafting adds the voice. */
export type DraftInput = Omit<DraftContext, 'voice'> & { trigger?: DraftTrigger };

/** Everything a writer reads. */
export interface DraftRequest extends DraftContext {
  voice: Voice;
  profile: VoiceProfile | null;
  trigger: DraftTrigger;
}

/** The one port every draft comes through: the template writer, or a language model. */
export interface DraftWriter {
  readonly name: DraftWriterName;
  write<K extends DraftKind>(kind: K, request: DraftRequest): Promise<DraftByKind[K]>;
}
