import type { AssetDraft } from '../templates/asset-templates';
import type { Voice } from '../templates/draft-context';
import { firstNameOf, readFacts, senderName } from '../templates/draft-facts';
import { type EmailDraft, operatorGreeting } from '../templates/email-templates';
import type { MeetingDraft } from '../templates/meeting-templates';
import type { TaskDraft } from '../templates/task-templates';
import { clean } from '../templates/text';
import { greetingFor } from '../templates/voice';
import type { DraftByKind, DraftKind, DraftRequest } from '../writers/draft-writer';
import type { DraftUnderCheck } from './draft-checks';

const EMAIL_BODY_LIMIT: Record<Voice['length'], number> = { short: 1200, medium: 2500, long: 5000 };

/** Who wrote the draft under check: a writer's draft is held to more than a person's edit. */
export type DraftAuthor = { by: 'template' } | { by: 'model'; reference: unknown } | { by: 'edit' };

/** Who reads it: the move's contact, or the operator (a newsletter copy for review). */
export type DraftAudience = 'contact' | 'operator';

/** A draft of the move, with everything the checks hold it to (docs/DRAFTING.md, "The checks"). */
export function underCheck<K extends DraftKind>(
  kind: K,
  draft: DraftByKind[K],
  request: DraftRequest,
  audience: DraftAudience,
  author: DraftAuthor,
): DraftUnderCheck {
  const facts = readFacts(request.move);
  const operator = audience === 'operator';
  const external = kind !== 'task';
  const operatorName = clean(request.sender.name, 120);
  const greetingField = kind === 'email' ? 'body' : kind === 'meeting' ? 'description' : null;
  const replySubject = facts.replyTo?.subject ?? null;
  const strippedSubject = replySubject?.replace(/^(?:\s*re\s*:\s*)+/i, '') || null;
  // What the contact wrote is never "given": a link or an amount in their subject is theirs, not the facts'.
  // A content move's signal subject is the operator's own source title, given like any fact.
  const contactWritten = [replySubject, strippedSubject, kind === 'asset' ? null : facts.signal.subject].filter((text): text is string => !!text);
  // The subject field quotes the reply's subject as the contact wrote it or as the template writes it ("Re: <subject>").
  const quotedInSubject = [replySubject, strippedSubject && `Re: ${strippedSubject}`].filter((text): text is string => !!text);
  return {
    recipient: operator
      ? { name: operatorName, firstName: firstNameOf(operatorName), email: request.sender.email || null, company: null }
      : { name: facts.contactName, firstName: facts.firstName, email: facts.contactEmail, company: facts.company },
    sender: { name: senderName(request.sender), email: request.sender.email || null },
    fields: fieldsOf(kind, draft, request.voice),
    greeting: greetingField ? { field: greetingField, expected: operator ? operatorGreeting(request.sender) : greetingFor(request.voice, facts) } : null,
    exactGreeting: author.by !== 'edit',
    avoid: external && !operator ? request.voice.phrasesToAvoid : [],
    sanctioned: request.voice.phrasesToUse,
    untrusted: external
      ? [...(request.trigger.replyText ? [{ text: request.trigger.replyText }] : []), ...quotedInSubject.map((text) => ({ text, quotedIn: 'subject' }))]
      : [],
    // Only a model's words are held to the promise check: the template's copy is ours, an edit the person's own.
    checkPromises: author.by === 'model' && external && !operator,
    internal: !external,
    model:
      author.by === 'model'
        ? {
            given: withoutTexts([...textsOf(author.reference), ...textsOf(facts), ...request.voice.phrasesToUse].join('\n'), contactWritten),
            // Quoted as the move has them: a form's, deal's or company's name, the source's title.
            quotedFacts: [
              facts.signal.formName,
              facts.signal.dealName,
              facts.company,
              kind === 'asset' ? facts.signal.subject : null,
              facts.signal.label,
              facts.title,
            ].filter((fact): fact is string => !!fact),
            quotedInSubject: contactWritten,
            year: request.now.getUTCFullYear(),
          }
        : null,
  };
}

/** The text with each of the given texts cut out where it stands as words of its own; shorter pieces ("10") would cut into the facts. */
function withoutTexts(text: string, cut: readonly string[]): string {
  return cut
    .filter((piece) => piece.length >= 3)
    .reduce((rest, piece) => rest.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped(piece)}(?![\\p{L}\\p{N}])`, 'gu'), '\n'), text);
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every string and number in a value (a draft, the facts): what the model was given. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  // Amounts in the facts are numbers (a deal's value): the model may state them.
  if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsOf);
  return [];
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
