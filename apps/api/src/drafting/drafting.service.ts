import { Injectable, Logger } from '@nestjs/common';
import type { ActionType, DraftEdit, DraftProvenance, VoiceProfile } from '@caseyos/contracts';
import { ProblemException } from '../platform/http/problem-details.filter';
import { validationFailed } from '../platform/http/validation';
import { type DraftUnderCheck, draftProblems } from './checks/draft-checks';
import type { AssetDraft } from './templates/asset-templates';
import { readFacts, firstNameOf, senderName } from './templates/draft-facts';
import { type EmailDraft, newsletterReviewEmail } from './templates/email-templates';
import { type MeetingDraft, withAgenda } from './templates/meeting-templates';
import type { TaskDraft } from './templates/task-templates';
import { clean } from './templates/text';
import type { Voice } from './templates/draft-context';
import { VoiceProfilesService, voiceOfProfile } from './voice-profiles/voice-profiles.service';
import type { DraftByKind, DraftInput, DraftKind, DraftRequest } from './writers/draft-writer';
import { LlmDraftError, LlmDraftWriter } from './writers/llm.writer';
import { TemplateDraftWriter } from './writers/template.writer';

export type { DraftByKind, DraftInput, DraftKind };

/** A draft and who wrote it. */
export interface WrittenDraft<T> {
  draft: T;
  provenance: DraftProvenance;
}

export interface WriteOptions {
  /** A person's edit, applied to the written draft and checked like it. */
  edit?: DraftEdit;
  /** Who reads it: the move's contact (default), or the operator (a newsletter copy for review). */
  audience?: 'contact' | 'operator';
  /** Write in this profile instead of the domain's (a preview). */
  profile?: VoiceProfile;
}

/** Which kind of draft each action type makes (newsletter_draft: the issue; its Gmail copy is newsletterCopy). */
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

const ADDRESS = /[^\s@,:;()<>"]+@[^\s@,:;()<>"]+/g;

const EMAIL_BODY_LIMIT: Record<Voice['length'], number> = { short: 1200, medium: 2500, long: 5000 };
const EDITABLE: Record<DraftKind, readonly (keyof DraftEdit)[]> = {
  email: ['subject', 'body'],
  meeting: ['slot_start', 'agenda'],
  task: ['subject', 'due_at'],
  asset: ['title', 'body', 'variants'],
};

/**
 * The one door drafts come through (docs/DRAFTING.md). Picks the voice profile of the move's
 * domain (else the default), asks the language model when one is configured and writes this
 * kind, checks its draft, and falls back to the templates when the model is slow, failing or
 * its draft fails a check (the reason recorded). A template draft that fails the checks, or an
 * edit that does, is refused with the problems listed.
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
    const { voice, profile } = options.profile
      ? { voice: voiceOfProfile(options.profile), profile: options.profile }
      : await this.profiles.forDomain(input.move.domain);
    const request: DraftRequest = { ...input, voice, profile, trigger: input.trigger ?? { replyText: null } };
    const provenance = (writer: DraftProvenance['writer'], fallback: string | null): DraftProvenance => ({
      writer,
      profile: { id: profile?.id ?? null, name: profile?.name ?? 'Built-in default' },
      fallback,
      edited: false,
    });
    let written: WrittenDraft<DraftByKind[K]> | null = null;
    let fallback: string | null = null;
    if (this.llm.writes(kind)) {
      try {
        const draft = await this.llm.write(kind, request);
        const problems = draftProblems(this.underCheck(kind, draft, request, options, true));
        if (problems.length === 0) written = { draft, provenance: provenance('llm', null) };
        // Kept on the plan and logged: the reason, never another person's address from the draft.
        else fallback = `the model's draft failed the checks: ${problems.join(' ')}`.replace(ADDRESS, '[address]');
      } catch (error) {
        // Anything else is the template reference failing, which the template path reports below.
        fallback = error instanceof LlmDraftError ? error.message : 'the reference draft for the model could not be written';
      }
    }
    if (!written) {
      let draft: DraftByKind[K];
      try {
        draft = await this.template.write(kind, request);
      } catch (error) {
        throw refused([(error as Error).message]);
      }
      const problems = draftProblems(this.underCheck(kind, draft, request, options, true));
      if (problems.length > 0) throw refused(problems);
      written = { draft, provenance: provenance('template', fallback) };
    }
    this.logger.log({
      event: 'draft_written',
      move_id: input.move.id,
      action_type: input.move.action_type,
      writer: written.provenance.writer,
      profile_id: written.provenance.profile.id,
      fallback: fallback ?? undefined,
    });
    if (!options.edit) return written;
    const edited = applyEdit(kind, written.draft, options.edit);
    const problems = draftProblems(this.underCheck(kind, edited, request, options, false));
    if (problems.length > 0) throw refused(problems, 'The edited draft');
    return { draft: edited, provenance: { ...written.provenance, edited: true } };
  }

  /** The Gmail copy of a newsletter issue for the operator, from the issue as written or edited. */
  async newsletterCopy(input: DraftInput, asset: { title: string; body: string }): Promise<EmailDraft> {
    const { voice, profile } = await this.profiles.forDomain(input.move.domain);
    const request: DraftRequest = { ...input, voice, profile, trigger: { replyText: null } };
    let email: EmailDraft;
    try {
      email = newsletterReviewEmail(request, asset);
    } catch (error) {
      throw refused([(error as Error).message]);
    }
    const problems = draftProblems(this.underCheck('email', email, request, { audience: 'operator' }, false));
    if (problems.length > 0) throw refused(problems);
    return email;
  }

  private underCheck<K extends DraftKind>(kind: K, draft: DraftByKind[K], request: DraftRequest, options: WriteOptions, written: boolean): DraftUnderCheck {
    const facts = readFacts(request.move);
    const operator = options.audience === 'operator';
    const senderFullName = senderName(request.sender);
    const external = kind !== 'task';
    const parties = {
      recipient: operator
        ? { name: clean(request.sender.name, 120), firstName: firstNameOf(clean(request.sender.name, 120)), email: request.sender.email || null, company: null }
        : { name: facts.contactName, firstName: facts.firstName, email: facts.contactEmail, company: facts.company },
      sender: { name: senderFullName, email: request.sender.email || null },
    };
    return {
      ...parties,
      fields: fieldsOf(kind, draft, request.voice),
      greetingField: kind === 'email' ? 'body' : kind === 'meeting' ? 'description' : null,
      avoid: external && !operator ? request.voice.phrasesToAvoid : [],
      sanctioned: request.voice.phrasesToUse,
      untrusted: external ? request.trigger.replyText : null,
      checkPromises: written && external && !operator,
      internal: !external,
    };
  }
}

function refused(problems: string[], what = 'The draft'): ProblemException {
  return new ProblemException(422, 'draft-refused', `${what} cannot be used: ${problems.join(' ')}`, { draft_problems: problems });
}

function fieldsOf<K extends DraftKind>(kind: K, draft: DraftByKind[K], voice: Voice): DraftUnderCheck['fields'] {
  switch (kind) {
    case 'email': {
      const email = draft as EmailDraft;
      return [
        { field: 'subject', text: email.subject, maxLength: 200 },
        { field: 'body', text: email.text, maxLength: EMAIL_BODY_LIMIT[voice.length] },
      ];
    }
    case 'meeting': {
      const meeting = draft as MeetingDraft;
      return [
        { field: 'summary', text: meeting.summary, maxLength: 200 },
        { field: 'description', text: meeting.description, maxLength: 8000 },
      ];
    }
    case 'task': {
      const task = draft as TaskDraft;
      return [
        { field: 'subject', text: task.subject, maxLength: 300 },
        { field: 'body', text: task.body, maxLength: 60_000 },
      ];
    }
    default: {
      const asset = draft as AssetDraft;
      return [
        { field: 'title', text: asset.title, maxLength: 300 },
        { field: 'body', text: asset.body, maxLength: asset.maxLength ?? 100_000 },
        ...(asset.variants ?? []).map((variant) => ({ field: `${variant.channel} variant`, text: variant.body, maxLength: variant.maxLength ?? 100_000 })),
      ];
    }
  }
}

/** The draft with a person's edit applied; a field the kind does not take is refused (400). */
function applyEdit<K extends DraftKind>(kind: K, draft: DraftByKind[K], edit: DraftEdit): DraftByKind[K] {
  const given = (Object.keys(edit) as (keyof DraftEdit)[]).filter((field) => edit[field] !== undefined);
  const foreign = given.filter((field) => !EDITABLE[kind].includes(field));
  if (foreign.length > 0) {
    throw validationFailed(
      foreign.map((field) => ({ field: `draft.${field}`, messages: [`${field} does not apply to a ${kind} draft (it takes ${EDITABLE[kind].join(', ')})`] })),
    );
  }
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
      return { ...task, subject: edit.subject ?? task.subject, dueAt: edit.due_at ? new Date(edit.due_at) : task.dueAt } as DraftByKind[K];
    }
    default: {
      const asset = draft as AssetDraft;
      const unknown = (edit.variants ?? []).filter((variant) => !asset.variants?.some((own) => own.channel === variant.channel));
      if (unknown.length > 0) {
        throw validationFailed([{ field: 'draft.variants', messages: [`this draft has no ${unknown.map((v) => v.channel).join(', ')} variant`] }]);
      }
      const variants = asset.variants?.map((own) => ({ ...own, body: edit.variants?.find((v) => v.channel === own.channel)?.body ?? own.body }));
      return { ...asset, title: edit.title ?? asset.title, body: edit.body ?? asset.body, ...(variants ? { variants } : {}) } as DraftByKind[K];
    }
  }
}
