import { Injectable, Logger } from '@nestjs/common';
import { DRAFT_EDIT_FIELDS, type DraftEdit, type DraftEditField, type DraftProvenance, type VoiceProfile } from '@caseyos/contracts';
import { isInstant } from '../platform/http/is-instant';
import { ProblemException } from '../platform/http/problem-details.filter';
import { validationFailed } from '../platform/http/validation';
import { draftProblems, problemCodes, problemMessages } from './checks/draft-checks';
import { type DraftAudience, underCheck } from './checks/draft-under-check';
import type { AssetDraft } from './templates/asset-templates';
import { type EmailDraft, newsletterReviewEmail } from './templates/email-templates';
import { type MeetingDraft, withAgenda } from './templates/meeting-templates';
import type { TaskDraft } from './templates/task-templates';
import { type ChosenVoice, VoiceProfilesService, voiceOfProfile } from './voice-profiles/voice-profiles.service';
import type { DraftByKind, DraftInput, DraftKind, DraftRequest, DraftTrigger } from './writers/draft-writer';
import { LlmDraftError, LlmDraftWriter } from './writers/llm.writer';
import { TemplateDraftWriter } from './writers/template.writer';

export type { DraftByKind, DraftInput, DraftKind };

/** The most of the contact's reply a writer reads: Gmail's snippet is shorter, a larger text is cut. */
export const REPLY_TEXT_MAX_CHARS = 1_000;

function boundedTrigger(trigger: DraftTrigger | undefined): DraftTrigger {
  const replyText = trigger?.replyText?.trim().slice(0, REPLY_TEXT_MAX_CHARS) || null;
  return { replyText };
}

/** A draft, who wrote it, and the voice it was written in. */
export interface WrittenDraft<T> {
  draft: T;
  provenance: DraftProvenance;
  voice: ChosenVoice;
  /** An email's or an asset's texts, as an edit would give them: what a later execute may send back as shown. */
  texts?: DraftEdit;
}

/** The draft a dry run showed: its texts and who wrote it. */
export interface ShownDraft {
  texts: DraftEdit;
  provenance: DraftProvenance;
}

export interface WriteOptions {
  /** A person's edit, applied to the written draft and checked like it. */
  edit?: DraftEdit;
  /** Who reads it: the move's contact (default), or the operator (a newsletter copy for review). */
  audience?: DraftAudience;
  /** Write in this profile instead of the domain's (a preview). */
  profile?: VoiceProfile;
  /** The draft of the dry run an edit's `shown_by` names (null when there is none to compare with). */
  shown?: ShownDraft | null;
}

/**
 * The one door drafts come through (docs/DRAFTING.md). Picks the voice profile of the move's
 * domain (else the default), writes the template's draft, asks the language model (when one is
 * configured and writes this kind) to rewrite it in the voice, checks the model's draft, and
 * falls back to the template's when the model is slow, failing or its draft fails a check (the
 * reason recorded as codes). A template draft that fails the checks, or an edit that does, is
 * refused with the problems listed. An edit is validated before any model call, and one that
 * replaces every text of the draft needs no model at all.
 */
@Injectable()
export class DraftingService {
  private readonly logger = new Logger('Drafting');

  constructor(
    private readonly profiles: VoiceProfilesService,
    private readonly template: TemplateDraftWriter,
    private readonly llm: LlmDraftWriter,
  ) {}

  async write<K extends DraftKind>(kind: K, input: DraftInput, options: WriteOptions = {}): Promise<WrittenDraft<DraftByKind[K]>> {
    const { edit } = options;
    const audience = options.audience ?? 'contact';
    if (edit) assertEditFits(kind, edit);
    const chosen = options.profile ? { voice: voiceOfProfile(options.profile), profile: options.profile } : await this.profiles.forDomain(input.move.domain);
    const request: DraftRequest = { ...input, voice: chosen.voice, profile: chosen.profile, trigger: boundedTrigger(input.trigger) };
    let reference: DraftByKind[K];
    try {
      reference = await this.template.write(kind, request);
    } catch (error) {
      throw refused([(error as Error).message]);
    }
    if (edit) assertVariantsExist(kind, reference, edit);
    // The template is then only the skeleton of the edit: its text and the model's would be thrown away.
    const replaced = edit !== undefined && replacesEveryText(kind, reference, edit);
    if (edit?.shown_by) assertShownWhole(kind, replaced);
    const provenance = (writer: DraftProvenance['writer'], fallback: string | null): DraftProvenance => ({
      writer,
      profile: { id: chosen.profile?.id ?? null, name: chosen.profile?.name ?? 'Built-in default' },
      fallback,
      edited: false,
    });
    let written: WrittenDraft<DraftByKind[K]> | null = null;
    let fallback: string | null = null;
    if (!replaced && this.llm.writes(kind)) {
      try {
        const draft = await this.llm.rewrite(kind, request, reference);
        const problems = draftProblems(underCheck(kind, draft, request, audience, { by: 'model', reference }));
        if (problems.length === 0) written = { draft, provenance: provenance('llm', null), voice: chosen };
        // Kept on the plan and logged: which checks failed where, never the draft's text.
        else fallback = `the model's draft failed the checks: ${problemCodes(problems)}`;
      } catch (error) {
        fallback = error instanceof LlmDraftError ? error.message : 'the model call failed';
      }
    }
    if (!written) {
      if (!replaced) {
        const problems = draftProblems(underCheck(kind, reference, request, audience, { by: 'template' }));
        if (problems.length > 0) throw refused(problemMessages(problems));
      }
      written = { draft: reference, provenance: provenance('template', fallback), voice: chosen };
    }
    const result = withTexts(kind, edit ? withEdit(kind, written, edit, request, audience, reference, options.shown ?? null) : written);
    this.logger.log({
      event: 'draft_written',
      move_id: input.move.id,
      action_type: input.move.action_type,
      writer: result.provenance.writer,
      profile_id: result.provenance.profile.id,
      fallback: fallback ?? undefined,
    });
    return result;
  }

  /** The Gmail copy of a newsletter issue for the operator, from the issue as written or edited, in the voice it was written in. */
  async newsletterCopy(input: DraftInput, issue: WrittenDraft<AssetDraft>): Promise<EmailDraft> {
    const request: DraftRequest = { ...input, voice: issue.voice.voice, profile: issue.voice.profile, trigger: { replyText: null } };
    let email: EmailDraft;
    try {
      email = newsletterReviewEmail(request, issue.draft);
    } catch (error) {
      throw refused([(error as Error).message]);
    }
    const problems = draftProblems(underCheck('email', email, request, 'operator', { by: 'edit' }));
    if (problems.length > 0) throw refused(problemMessages(problems));
    return email;
  }
}

/**
 * The written draft with a person's edit applied, checked as an edit. When its texts are word for
 * word the draft the named dry run showed, it keeps that draft's writer, unedited: the writer's own
 * checks passed it when it was made, and are not run again, as the day's template may since word it
 * otherwise (a date); the edit checks, which no date moves, still are (a phrase avoided since).
 */
function withEdit<K extends DraftKind>(
  kind: K,
  written: WrittenDraft<DraftByKind[K]>,
  edit: DraftEdit,
  request: DraftRequest,
  audience: DraftAudience,
  reference: DraftByKind[K],
  shown: ShownDraft | null,
): WrittenDraft<DraftByKind[K]> {
  const edited = applyEdit(kind, written.draft, edit, request.now);
  const problems = draftProblems(underCheck(kind, edited, request, audience, { by: 'edit' }));
  if (problems.length > 0) throw refused(problemMessages(problems), 'The edited draft');
  const asShown = edit.shown_by && shown && JSON.stringify(applyEdit(kind, reference, shown.texts, request.now)) === JSON.stringify(edited);
  return { ...written, draft: edited, provenance: asShown ? { ...shown.provenance, edited: false } : { ...written.provenance, edited: true } };
}

/** The draft with its texts as an edit gives them (emails and assets), for the plan. */
function withTexts<K extends DraftKind>(kind: K, written: WrittenDraft<DraftByKind[K]>): WrittenDraft<DraftByKind[K]> {
  if (kind === 'email') {
    const email = written.draft as EmailDraft;
    return { ...written, texts: { subject: email.subject, body: email.text } };
  }
  if (kind !== 'asset') return written;
  const asset = written.draft as AssetDraft;
  const variants = asset.variants?.map((variant) => ({ channel: variant.channel, body: variant.body }));
  return { ...written, texts: { title: asset.title, body: asset.body, ...(variants ? { variants } : {}) } };
}

function refused(problems: string[], what = 'The draft'): ProblemException {
  return new ProblemException(422, 'draft-refused', `${what} cannot be used: ${problems.join(' ')}`, { draft_problems: problems });
}

/** Refuses (400) an edit with a field the kind does not take or a time that is not an instant with a zone, before anything is written. */
function assertEditFits(kind: DraftKind, edit: DraftEdit): void {
  const given = (Object.keys(edit) as (keyof DraftEdit)[]).filter((field): field is DraftEditField => field !== 'shown_by' && edit[field] !== undefined);
  const errors = given
    .filter((field) => !DRAFT_EDIT_FIELDS[kind].includes(field))
    .map((field) => ({ field: `draft.${field}`, messages: [`${field} does not apply to a ${kind} draft (it takes ${DRAFT_EDIT_FIELDS[kind].join(', ')})`] }));
  for (const field of ['slot_start', 'due_at'] as const) {
    const value = edit[field];
    // The DTO checks the same; a queued execution re-plans with the edit stored in its plan.
    if (value !== undefined && !(isInstant(value) && value.includes('T'))) {
      errors.push({ field: `draft.${field}`, messages: [`${field} must be an ISO 8601 date-time with a time zone (2030-01-07T10:00:00Z)`] });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/** `shown_by` stands for a shown draft as a whole: every text of an email or an asset. */
function assertShownWhole(kind: DraftKind, whole: boolean): void {
  if (!whole) {
    const texts =
      kind === 'email' || kind === 'asset' ? `every text of the draft (${DRAFT_EDIT_FIELDS[kind].join(', ')})` : `an email or an asset, not a ${kind}`;
    throw validationFailed([{ field: 'draft.shown_by', messages: [`shown_by needs ${texts}`] }]);
  }
}

function assertVariantsExist<K extends DraftKind>(kind: K, draft: DraftByKind[K], edit: DraftEdit): void {
  if (kind !== 'asset') return;
  const own = (draft as AssetDraft).variants ?? [];
  const unknown = (edit.variants ?? []).filter((variant) => !own.some((mine) => mine.channel === variant.channel));
  if (unknown.length > 0) {
    throw validationFailed([{ field: 'draft.variants', messages: [`this draft has no ${unknown.map((v) => v.channel).join(', ')} variant`] }]);
  }
}

/** Does the edit give every text of the draft (so neither the template's words nor a model's would be seen)? */
function replacesEveryText<K extends DraftKind>(kind: K, draft: DraftByKind[K], edit: DraftEdit): boolean {
  if (kind === 'email') return edit.subject !== undefined && edit.body !== undefined;
  if (kind !== 'asset') return false;
  const variants = (draft as AssetDraft).variants ?? [];
  return edit.title !== undefined && edit.body !== undefined && variants.every((own) => edit.variants?.some((variant) => variant.channel === own.channel));
}

/** The draft with a person's edit applied (assertEditFits has checked its fields). */
function applyEdit<K extends DraftKind>(kind: K, draft: DraftByKind[K], edit: DraftEdit, now: Date): DraftByKind[K] {
  switch (kind) {
    case 'email': {
      const email = draft as EmailDraft;
      return { subject: edit.subject ?? email.subject, text: edit.body ?? email.text } as DraftByKind[K];
    }
    case 'meeting': {
      const meeting = draft as MeetingDraft;
      if (!edit.agenda) return draft;
      return { ...meeting, agenda: edit.agenda, description: withAgenda(meeting.description, edit.agenda) } as DraftByKind[K];
    }
    case 'task': {
      const task = draft as TaskDraft;
      // A due date that has passed (the move was overdue when shown, or waited in the queue) is due now, as the template's would be.
      const dueAt = edit.due_at ? new Date(Math.max(Date.parse(edit.due_at), now.getTime())) : task.dueAt;
      return { ...task, subject: edit.subject ?? task.subject, dueAt } as DraftByKind[K];
    }
    default: {
      const asset = draft as AssetDraft;
      const variants = asset.variants?.map((own) => ({ ...own, body: edit.variants?.find((v) => v.channel === own.channel)?.body ?? own.body }));
      return { ...asset, title: edit.title ?? asset.title, body: edit.body ?? asset.body, ...(variants ? { variants } : {}) } as DraftByKind[K];
    }
  }
}
