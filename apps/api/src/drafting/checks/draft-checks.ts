import { unresolvedIn } from '../templates/draft-guard';
import { containsPhrase } from '../templates/voice';

/** One text of a draft and the most it may hold. */
export interface CheckedField {
  field: string;
  text: string;
  maxLength: number;
}

/** Who the draft is for and who sends it: the only people (and addresses) it may name. */
export interface DraftParties {
  recipient: { name: string | null; firstName: string | null; email: string | null; company: string | null };
  sender: { name: string | null; email: string | null };
}

export interface DraftUnderCheck extends DraftParties {
  fields: CheckedField[];
  /** The field whose first line greets the recipient (an email's text, a meeting's description). */
  greetingField: string | null;
  avoid: readonly string[];
  /** Phrases the profile asks for: a promise they make is the founder's own. */
  sanctioned: readonly string[];
  /** The contact's own words (the reply being answered): a draft may answer them, never repeat them at length. */
  untrusted: string | null;
  /** False for a person's own edit and for internal notes: what they commit to is theirs. */
  checkPromises: boolean;
  /** Internal notes (CRM tasks) quote the move's facts as they are: held to placeholders and length only. */
  internal: boolean;
}

const EMAIL_ADDRESS = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const GREETING = /^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[\s,]*([^,!:\n]*)/i;
const COLLECTIVE = new Set(['there', 'all', 'everyone', 'team', 'folks']);
const PROMISE = /\b(?:discount(?:ed|s)?|refund(?:ed|s)?|free of charge|for free|waive[ds]?|guarantee[ds]?|money[- ]back|complimentary|\d+\s?%\s?off)\b/i;
const ECHO_WORDS = 8;

/**
 * Every check a draft passes before anyone sees it, whichever writer made it or whoever edited
 * it (docs/DRAFTING.md): no unresolved placeholder, no avoided phrase, within length, the
 * recipient's name and company as the facts have them, no other person's address, no long
 * stretch of the contact's own message repeated (an injected instruction), and no promise the
 * facts do not make. Returns what is wrong, one sentence each; empty when the draft may go.
 */
export function draftProblems(draft: DraftUnderCheck): string[] {
  const problems: string[] = [];
  const allowed = new Set([draft.recipient.email, draft.sender.email].filter((email): email is string => !!email).map((email) => email.toLowerCase()));
  for (const { field, text, maxLength } of draft.fields) {
    const unresolved = unresolvedIn(text);
    if (unresolved !== null) problems.push(`The ${field} has unresolved text "${unresolved}".`);
    if (text.trim() === '') problems.push(`The ${field} is empty.`);
    if (text.length > maxLength) problems.push(`The ${field} is ${text.length} characters long; at most ${maxLength} fit.`);
    const avoided = draft.avoid.find((phrase) => containsPhrase(text, phrase));
    if (avoided) problems.push(`The ${field} uses "${avoided}", a phrase the voice profile avoids.`);
    if (draft.internal) continue;
    const strangers = [...new Set((text.match(EMAIL_ADDRESS) ?? []).map((email) => email.toLowerCase()))].filter((email) => !allowed.has(email));
    if (strangers.length > 0) problems.push(`The ${field} names an address that is not the recipient's: ${strangers.join(', ')}.`);
    problems.push(...misspelled(field, text, draft.recipient.company, 'company'), ...misspelled(field, text, draft.recipient.name, "contact's name"));
    if (draft.untrusted && echoes(text, draft.untrusted)) problems.push(`The ${field} repeats the contact's own message at length.`);
    if (draft.checkPromises) {
      const promise = PROMISE.exec(text)?.[0];
      if (promise && !draft.sanctioned.some((phrase) => containsPhrase(phrase, promise))) {
        problems.push(`The ${field} promises "${promise}", which the facts of the move do not.`);
      }
    }
  }
  const greeted = draft.fields.find((field) => field.field === draft.greetingField);
  const name = greeted ? GREETING.exec(greeted.text)?.[1]?.trim() : undefined;
  if (name && !greets(name, draft.recipient)) problems.push(`The draft greets "${name}", not the recipient.`);
  return problems;
}

function greets(name: string, recipient: DraftParties['recipient']): boolean {
  const said = name.toLowerCase();
  const known = [recipient.firstName, recipient.name, recipient.company && `${recipient.company} team`]
    .filter((n): n is string => !!n)
    .map((n) => n.toLowerCase());
  return COLLECTIVE.has(said) || known.includes(said);
}

/** A name written with other letters' case than the facts (e.g. "northwind analytics") reads as a different one; a stray space does not. */
function misspelled(field: string, text: string, name: string | null, what: string): string[] {
  if (!name || name.length < 3) return [];
  const pattern = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'), 'gi');
  const wrong = (text.match(pattern) ?? []).find((found) => found.replace(/\s+/g, ' ') !== name);
  return wrong ? [`The ${field} writes the ${what} as "${wrong}"; the move has "${name}".`] : [];
}

/** Does the text hold ECHO_WORDS or more words in a row of the contact's message? */
function echoes(text: string, untrusted: string): boolean {
  const words = (value: string) => value.toLowerCase().match(/[\p{L}\p{N}@.'-]+/gu) ?? [];
  const source = words(untrusted);
  if (source.length < ECHO_WORDS) return false;
  const runs = new Set<string>();
  for (let i = 0; i + ECHO_WORDS <= source.length; i += 1) runs.add(source.slice(i, i + ECHO_WORDS).join(' '));
  const target = words(text);
  for (let i = 0; i + ECHO_WORDS <= target.length; i += 1) if (runs.has(target.slice(i, i + ECHO_WORDS).join(' '))) return true;
  return false;
}
