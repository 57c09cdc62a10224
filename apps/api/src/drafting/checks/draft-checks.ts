import { unresolvedIn } from '../templates/draft-guard';
import { normalisedPhrase } from '../templates/voice';

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

/** Text the contact wrote (the reply, its subject): a draft may answer it, never repeat it at length. */
export interface UntrustedText {
  text: string;
  /** A field allowed to quote it (a reply's subject becomes "Re: <subject>"). */
  quotedIn?: string;
}

export interface DraftUnderCheck extends DraftParties {
  fields: CheckedField[];
  /** The field whose first line greets the recipient, and the greeting the profile itself writes for them. */
  greeting: { field: string; expected: string } | null;
  /** A written draft must open with exactly the expected greeting; a person's edit only has to greet the recipient. */
  exactGreeting: boolean;
  avoid: readonly string[];
  /** Phrases the profile asks for: a promise they make is the founder's own. */
  sanctioned: readonly string[];
  untrusted: readonly UntrustedText[];
  /** False for a person's own edit and for internal notes: what they commit to is theirs. */
  checkPromises: boolean;
  /** Internal notes (CRM tasks) quote the move's facts as they are: held to placeholders and length only. */
  internal: boolean;
  /**
   * Set for a language model's draft only: what it was given (the reference draft and the facts,
   * never the contact's own text). Its names must be spelled as the move has them (text quoted from
   * the facts aside), and it may hold no link, domain, phone number, number, amount, percentage or
   * duration the given text does not. `quotedFacts` are the move's own texts (names, titles), quoted
   * anywhere; `quotedInSubject` the contact's words (their reply's subject): to the promise check
   * they are a quote in the subject alone, as in a body they would carry the contact's promise.
   */
  model: { given: string; quotedFacts: readonly string[]; quotedInSubject: readonly string[]; year: number } | null;
}

/** What is wrong, as a code safe for logs and stored plans (never draft text), the field, and a sentence for the person. */
export interface DraftProblem {
  code:
    | 'unresolved-placeholder'
    | 'empty'
    | 'too-long'
    | 'avoided-phrase'
    | 'foreign-address'
    | 'foreign-link'
    | 'foreign-phone'
    | 'foreign-number'
    | 'misspelled-name'
    | 'echoes-contact'
    | 'unsanctioned-promise'
    | 'wrong-greeting';
  field: string;
  message: string;
}

const EMAIL_ADDRESS = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
/** A link with a scheme or `www.`, or a bare domain (`evil.example/login`): labels, a dot, a top-level name of letters, a path. */
const LINK = /(?<![\p{L}\p{N}@./-])(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,24}(?![\p{L}\p{N}-])(?::\d+)?(?:[/?#][^\s<>()"']*)?/giu;
/** Seven or more digits with phone punctuation between, not part of a word; dates (2026-01-31) are not phones. */
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
};
const DURATION_UNITS = 'days?|weeks?|months?|quarters?|years?';
const MONEY_UNITS = 'usd|eur|gbp|dollars?|euros?|pounds?';
/**
 * A quantity: a number in digits ("50", "1,500", "T10"), or in words when it counts something a
 * promise is made of ("three months", "fifty percent"), with its currency, percent sign or unit.
 */
const QUANTITY = new RegExp(
  `(?:([$€£])\\s?)?(?:(?<![\\d.,])(\\d+(?:[.,]\\d+)*)|(?<![\\p{L}\\p{N}])(${Object.keys(NUMBER_WORDS).join('|')})(?![\\p{L}\\p{N}]))` +
    `(?:\\s?(%)|[\\s-]+(percent|per\\s+cent|${DURATION_UNITS}|${MONEY_UNITS})(?![\\p{L}\\p{N}]))?`,
  'giu',
);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(${MONTHS.map((month) => `${month.slice(0, 3)}(?:${month.slice(3)})?`).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
/** A date as written in English or ISO: 2025-12-09, 9 December (2025), December 9(, 2025), 9/12/2025. */
const DATES: readonly { pattern: RegExp; parts: (match: RegExpMatchArray) => { month: number; day: number; year: string | undefined }[] }[] = [
  { pattern: /(?<![\p{L}\p{N}])(\d{4})-(\d{2})-(\d{2})/gu, parts: (m) => [{ month: Number(m[2]), day: Number(m[3]), year: m[1] }] },
  {
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?(?![\\p{L}\\p{N}])`, 'giu'),
    parts: (m) => [{ month: monthOf(m[2]), day: Number(m[1]), year: m[3] }],
  },
  {
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\p{L}\\p{N}])`, 'giu'),
    parts: (m) => [{ month: monthOf(m[1]), day: Number(m[2]), year: m[3] }],
  },
  {
    // Day and month in either order: either reading the facts hold will do.
    pattern: /(?<![\p{L}\p{N}/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\p{L}\p{N}/])/gu,
    parts: (m) => [
      { month: Number(m[2]), day: Number(m[1]), year: m[3] },
      { month: Number(m[1]), day: Number(m[2]), year: m[3] },
    ],
  },
];
const GREETING_WORD = /^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b/i;
const WORD = /[\p{L}\p{N}]+/gu;
const COLLECTIVE = new Set(['there', 'all', 'everyone', 'team', 'folks']);
/** Commitments a writer may not make on its own: price cuts, free things, money back, credits, cancellations. */
const PROMISE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    'discount(?:ed|s)?',
    'refund(?:ed|s)?',
    'rebates?',
    'free of charge',
    'for free',
    'free (?:trial|months?|weeks?|days?|years?|plan|upgrade|access|seats?|licen[cs]es?|service|support|onboarding|setup|migration|tier)',
    '(?:days?|weeks?|months?|quarters?|years?) (?:free|on us|on the house)',
    'on the house',
    '(?:at|for|with) no (?:extra |additional )?(?:cost|charge)',
    'no (?:extra |additional )?(?:cost|charge) (?:to|for)',
    'without (?:any )?(?:cost|charge)',
    'waive[ds]?',
    'guarantee[ds]?',
    'money[- ]back',
    'complimentary',
    '\\d+\\s?%\\s?off',
    '(?:percent|per cent) off',
    'half[- ](?:price|off)',
    'price match(?:ing)?',
    '(?:account|service|billing|a|an|in|of|\\d+|\\d+[km]) credits?',
    'credit(?:ed)? (?:to|on) your',
    '(?:extend|extended|extending|extension of) (?:your|the) (?:free )?trial',
    'trial extension',
    'cancel(?:led|ed|ling)? (?:your|the) (?:contract|subscription|invoice|renewal|plan|fees?|payment|bill|charges?)',
    'lifetime (?:deal|access)',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);
const ECHO_WORDS = 8;

/**
 * Every check a draft passes before anyone sees it, whichever writer made it or whoever edited
 * it (docs/DRAFTING.md): no unresolved placeholder, no avoided phrase, within length, the
 * profile's greeting, no other person's address, no long stretch of the contact's own text
 * repeated (an injected instruction), no promise the facts do not make; for a language model's
 * draft also the names as the move has them and no link or phone number it was not given.
 * Empty when the draft may go.
 */
export function draftProblems(draft: DraftUnderCheck): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (code: DraftProblem['code'], field: string, message: string) => problems.push({ code, field, message });
  const allowed = new Set([draft.recipient.email, draft.sender.email].filter((email): email is string => !!email).map((email) => email.toLowerCase()));
  const avoid = draft.avoid.map((phrase) => ({ phrase, wanted: normalisedPhrase(phrase) })).filter(({ wanted }) => wanted !== '');
  const sanctioned = draft.sanctioned.map(normalisedPhrase);
  const names = draft.model ? namePatterns(draft.recipient) : [];
  const given = draft.model ? givenContacts(draft.model.given) : null;
  const echoRuns = draft.untrusted.map((untrusted) => ({ quotedIn: untrusted.quotedIn, runs: wordRuns(untrusted.text) }));
  for (const { field, text, maxLength } of draft.fields) {
    const unresolved = unresolvedIn(text);
    if (unresolved !== null) add('unresolved-placeholder', field, `The ${field} has unresolved text "${unresolved}".`);
    if (text.trim() === '') add('empty', field, `The ${field} is empty.`);
    if (text.length > maxLength) add('too-long', field, `The ${field} is ${text.length} characters long; at most ${maxLength} fit.`);
    const normalised = avoid.length > 0 ? normalisedPhrase(text) : '';
    const avoided = avoid.find(({ wanted }) => normalised.includes(wanted));
    if (avoided) add('avoided-phrase', field, `The ${field} uses "${avoided.phrase}", a phrase the voice profile avoids.`);
    if (draft.internal) continue;
    const strangers = [...new Set((text.match(EMAIL_ADDRESS) ?? []).map((email) => email.toLowerCase()))].filter((email) => !allowed.has(email));
    if (strangers.length > 0) add('foreign-address', field, `The ${field} names an address that is not the recipient's: ${strangers.join(', ')}.`);
    if (draft.model && given) {
      // The contact's text a field may quote (the reply's subject in the subject) is theirs, not the model's.
      const own = withoutQuotes(
        text,
        draft.untrusted.filter((untrusted) => untrusted.quotedIn === field).map((untrusted) => untrusted.text),
      );
      const links = linksIn(own).filter((link) => !given.links.has(link));
      if (links.length > 0) add('foreign-link', field, `The ${field} holds a link the facts do not give: ${links.join(', ')}.`);
      const phones = phonesIn(own).filter((phone) => !given.phones.has(phone));
      if (phones.length > 0) add('foreign-phone', field, `The ${field} holds a phone number the facts do not give.`);
      const quantities = [
        ...new Set(
          quantitiesIn(withoutGivenDates(own, given.dates, draft.model.year))
            .filter((quantity) => !isGiven(quantity, given.quantities))
            .map((quantity) => quantity.text),
        ),
      ];
      if (quantities.length > 0) add('foreign-number', field, `The ${field} states ${quantities.join(', ')}, which the facts do not give.`);
      const unquoted = withoutQuotes(text, [...draft.model.quotedFacts, ...draft.model.quotedInSubject]);
      for (const { pattern, name, what } of names) {
        const wrong = (unquoted.match(pattern) ?? []).find((found) => found.replace(/\s+/g, ' ') !== name && found !== found.toLowerCase());
        if (wrong) add('misspelled-name', field, `The ${field} writes the ${what} as "${wrong}"; the move has "${name}".`);
      }
    }
    if (echoRuns.some(({ quotedIn, runs }) => quotedIn !== field && echoes(text, runs)))
      add('echoes-contact', field, `The ${field} repeats the contact's own message at length.`);
    if (draft.checkPromises) {
      // Quoted facts (a deal's or company's name; the reply's subject in the subject) are not the writer's promise.
      const quoted = draft.model ? [...draft.model.quotedFacts, ...(field === 'subject' ? draft.model.quotedInSubject : [])] : [];
      const promise = PROMISE.exec(withoutQuotes(text, quoted))?.[0];
      if (promise && !sanctioned.some((phrase) => phrase.includes(normalisedPhrase(promise)))) {
        add('unsanctioned-promise', field, `The ${field} promises "${promise}", which the facts of the move do not.`);
      }
    }
  }
  const greeting = draft.greeting;
  const greeted = greeting && draft.fields.find((field) => field.field === greeting.field);
  if (greeting && greeted) {
    const firstLine = greeted.text.trimStart().split('\n', 1)[0].trim();
    if (firstLine !== greeting.expected && (draft.exactGreeting || !greetsRecipient(firstLine, draft.recipient))) {
      add('wrong-greeting', greeting.field, `The ${greeting.field} opens with "${firstLine}", not the voice profile's greeting "${greeting.expected}".`);
    }
  }
  return problems;
}

/** The sentences of the problems, for the person refused. */
export function problemMessages(problems: readonly DraftProblem[]): string[] {
  return problems.map((problem) => problem.message);
}

/** The problems as codes and fields ("foreign-link in body"): what logs and stored plans may hold. */
export function problemCodes(problems: readonly DraftProblem[]): string {
  return [...new Set(problems.map((problem) => `${problem.code} in ${problem.field}`))].join(', ');
}

/** A person's own greeting line: not a greeting at all, or one naming the recipient (any of their names) or everyone. */
function greetsRecipient(line: string, recipient: DraftParties['recipient']): boolean {
  if (!GREETING_WORD.test(line)) return true;
  const words = new Set((line.toLowerCase().match(WORD) ?? []).slice(1));
  const names = [recipient.firstName, recipient.name, recipient.company]
    .flatMap((name) => name?.toLowerCase().match(WORD) ?? [])
    .filter((word) => word.length > 1);
  return words.size === 0 || names.some((name) => words.has(name)) || [...COLLECTIVE].some((word) => words.has(word));
}

/**
 * The contact's name and company as patterns found between Unicode word boundaries, any case and
 * spacing: a match written otherwise than the move has it (other capitals) reads as another name.
 * All-lowercase matches are ordinary words ("will", "work"), never the name.
 */
function namePatterns(recipient: DraftParties['recipient']): { pattern: RegExp; name: string; what: string }[] {
  return [
    [recipient.company, 'company'],
    [recipient.name, "contact's name"],
  ]
    .filter((entry): entry is [string, string] => !!entry[0] && entry[0].length >= 3)
    .map(([name, what]) => {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
      return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), name, what };
    });
}

/** The text with each fact quoted in it (a reply's subject, a form's name) taken out: the contact's spelling, not the model's. */
function withoutQuotes(text: string, quoted: readonly string[]): string {
  let rest = text;
  for (const fact of quoted) if (fact.length >= 3) rest = rest.split(fact).join(' ');
  return rest;
}

function phonesIn(text: string): string[] {
  return (text.match(PHONE) ?? [])
    .map((found) => found.trim())
    .filter((found) => !DATE.test(found) && found.replace(/\D/g, '').length >= 7)
    .map((found) => found.replace(/\D/g, ''));
}

/** Links and bare domains, without scheme, `www.` and closing punctuation, in lower case; addresses are not links. */
function linksIn(text: string): string[] {
  const links = (text.replace(EMAIL_ADDRESS, ' ').match(LINK) ?? []).map((link) =>
    link
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/[.,;:!?]+$/, ''),
  );
  return [...new Set(links)];
}

/** A quantity as compared: money and bare numbers by value, percentages and durations with their unit ("duration 3 month"). */
interface Quantity {
  text: string;
  value: string;
  key: string;
}

/** The quantities of a text; `glued` keeps digits glued to letters too (what the model is given: T10 in 2030-01-07T10:00 gives 10). */
function quantitiesIn(text: string, glued = false): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const [whole, currency, digits, word, percentSign, unitWord] = match;
    // Digits glued to letters name things, not amounts: B2B, Q3, 10am, a 15-minute call.
    if (!glued && digits && !currency && !percentSign && !unitWord && gluedToLetters(text, match.index, whole.length)) continue;
    const unit = unitWord?.toLowerCase().replace(/\s+/g, ' ').replace(/s$/, '');
    // A number in words counts only with what it counts ("one" alone is an ordinary word).
    if (word && !unit && !percentSign && !currency) continue;
    const value = digits ? plainNumber(digits) : String(NUMBER_WORDS[word.toLowerCase()]);
    const kind =
      percentSign || unit === 'percent' || unit === 'per cent'
        ? 'percent'
        : currency || (unit && new RegExp(`^(?:${MONEY_UNITS})$`).test(unit))
          ? 'money'
          : unit
            ? `duration ${unit}`
            : 'number';
    found.push({ text: whole.trim(), value, key: `${kind} ${value}` });
  }
  return found;
}

/** Is the quantity one the model was given? Money and bare numbers match any given value (the facts hold amounts bare); a share or a duration only the same one. */
function isGiven(quantity: Quantity, given: { values: Set<string>; keys: Set<string> }): boolean {
  return quantity.key.startsWith('percent') || quantity.key.startsWith('duration') ? given.keys.has(quantity.key) : given.values.has(quantity.value);
}

function plainNumber(digits: string): string {
  const value = Number(digits.replace(/,/g, ''));
  return Number.isFinite(value) ? String(value) : digits;
}

function gluedToLetters(text: string, index: number, length: number): boolean {
  return /\p{L}$/u.test(text.slice(0, index)) || /^-?\p{L}/u.test(text.slice(index + length));
}

function monthOf(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3))) + 1;
}

/** A date's month and day ("12-9"), and its year if written. */
interface WrittenDate {
  monthDay: string;
  year: string | undefined;
}

function datesIn(text: string): { dates: WrittenDate[]; spans: { readings: WrittenDate[]; start: number; end: number }[] } {
  const spans: { readings: WrittenDate[]; start: number; end: number }[] = [];
  for (const { pattern, parts } of DATES) {
    for (const match of text.matchAll(pattern)) {
      const readings = parts(match)
        .filter(({ month, day }) => month >= 1 && month <= 12 && day >= 1 && day <= 31)
        .map(({ month, day, year }) => ({ monthDay: `${month}-${day}`, year }));
      if (readings.length > 0) spans.push({ readings, start: match.index, end: match.index + match[0].length });
    }
  }
  return { dates: spans.flatMap((span) => span.readings), spans };
}

/**
 * The text with every date the facts hold cut out, however it is written: a model may write
 * "Tuesday, 9 December" as "December 9th". A year is allowed when the facts write it, or, for a
 * date they give without one, when it is this year or the next.
 */
function withoutGivenDates(text: string, given: readonly WrittenDate[], year: number): string {
  const held = (reading: WrittenDate) =>
    given.some(
      (date) =>
        date.monthDay === reading.monthDay &&
        (reading.year === undefined || date.year === reading.year || (date.year === undefined && [year, year + 1].map(String).includes(reading.year))),
    );
  const chars = text.split('');
  for (const { start, end } of datesIn(text).spans.filter((span) => span.readings.some(held))) chars.fill(' ', start, end);
  return chars.join('');
}

/** Links, domains, phone numbers, quantities and dates the model was given; an address's domain counts as given (the contact's own company). */
function givenContacts(given: string): {
  links: Set<string>;
  phones: Set<string>;
  quantities: { values: Set<string>; keys: Set<string> };
  dates: WrittenDate[];
} {
  const domains = (given.match(EMAIL_ADDRESS) ?? []).map((email) => email.slice(email.indexOf('@') + 1).toLowerCase());
  const quantities = quantitiesIn(given, true);
  return {
    dates: datesIn(given).dates,
    links: new Set([...linksIn(given), ...domains]),
    phones: new Set(phonesIn(given)),
    quantities: { values: new Set(quantities.map((quantity) => quantity.value)), keys: new Set(quantities.map((quantity) => quantity.key)) },
  };
}

function wordsOf(value: string): string[] {
  return value.toLowerCase().match(/[\p{L}\p{N}@.'-]+/gu) ?? [];
}

/** Every run of ECHO_WORDS words in a row of the contact's text. */
function wordRuns(untrusted: string): Set<string> {
  const source = wordsOf(untrusted);
  const runs = new Set<string>();
  for (let i = 0; i + ECHO_WORDS <= source.length; i += 1) runs.add(source.slice(i, i + ECHO_WORDS).join(' '));
  return runs;
}

/** Does the text hold ECHO_WORDS or more words in a row of the contact's text? */
function echoes(text: string, runs: Set<string>): boolean {
  if (runs.size === 0) return false;
  const target = wordsOf(text);
  for (let i = 0; i + ECHO_WORDS <= target.length; i += 1) if (runs.has(target.slice(i, i + ECHO_WORDS).join(' '))) return true;
  return false;
}
