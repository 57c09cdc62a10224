/** What takes the place of an erased address, or of a field about the person, in a row that stays. */
export const ERASED = '[erased]';

/**
 * Before the address: the start, a character no address has, a JSON escape (`\n`, `\"`, `\u00a0`)
 * or a URI-encoded character other than `+` and `%`. Captured, so a replacement can keep it.
 */
const BEFORE = String.raw`(^|[^a-z0-9._%+-]|\\[nrtbf"/\\]|\\u[0-9a-f]{4}|%(?:[013-9a-f][0-9a-f]|2[0-46-9ac-f]))`;
/** After it, nothing that would make the domain longer (`x.com` is not `x.com.au` or `x.company`). */
const AFTER = String.raw`(?![a-z0-9_-]|\.[a-z0-9])`;

/**
 * A person's email address as CaseyOS finds it: in lower case for the columns that store it so,
 * and as a case-insensitive pattern for text and JSON, which finds the address as itself or
 * URI-encoded (a note inside an evidence key) but not inside a longer address: erasing
 * ann@x.com leaves joann@x.com alone.
 */
export class ContactAddress {
  private constructor(
    readonly email: string,
    /** A regular expression valid in Postgres (ARE) and JavaScript alike; group 1 is what came before. */
    readonly pattern: string,
  ) {}

  static of(email: string): ContactAddress {
    const normalized = email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(normalized)) throw new Error('A contact address is one local part, @ and a domain');
    const forms = [...new Set([normalized, encodeURIComponent(normalized)])].map(literal);
    return new ContactAddress(normalized, `${BEFORE}(?:${forms.join('|')})${AFTER}`);
  }

  /** The replacement for the pattern that keeps what came before the address. */
  static readonly replacement = `\\1${ERASED}`;
}

/** ASCII punctuation escaped, so it matches itself in either dialect; letters (any script) and digits stay. */
function literal(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (character) => `\\${character}`);
}
