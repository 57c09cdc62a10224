import type { FieldError } from './validation';

/**
 * What no request may carry into the app, wherever it comes from: text PostgreSQL cannot store
 * (NUL in text or jsonb; an unpaired UTF-16 surrogate, which jsonb refuses and text silently
 * turns into U+FFFD) and JSON nested deeper than anything the API takes, which would exhaust the
 * stack of recursive code downstream (validation, serialization).
 */

/** Deeper than any request body the API defines by far; HubSpot's webhooks are three levels. */
export const MAX_JSON_DEPTH = 32;

/** A body full of bad strings is refused as soon as this many are found; the answer stays small. */
export const MAX_REPORTED_FIELDS = 20;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

const NONE: readonly string[] = [];

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
export const SURROGATE_MESSAGE = 'must not contain an unpaired UTF-16 surrogate (U+D800 to U+DFFF)';

/** Why the text cannot be taken (none when it can). Allocates nothing for good text: it runs on every header. */
export function textProblems(text: string): readonly string[] {
  const nul = text.includes('\0');
  const loneSurrogate = LONE_SURROGATE.test(text);
  if (!nul && !loneSurrogate) return NONE;
  return [...(nul ? [NUL_MESSAGE] : []), ...(loneSurrogate ? [SURROGATE_MESSAGE] : [])];
}

/** A name fit to print in a problem: the characters it is refused for appear as \u escapes. */
export function printableName(name: string): string {
  return name.replaceAll('\0', '\\u0000').replace(LONE_SURROGATES, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
}

/** Collects the problems of one request, up to MAX_REPORTED_FIELDS. */
export class InputInspection {
  readonly errors: FieldError[] = [];

  get full(): boolean {
    return this.errors.length >= MAX_REPORTED_FIELDS;
  }

  /**
   * Path parameters, query values, headers or cookies: `{ name: string | string[] }` as Fastify
   * and its plugins hand them over. Names are checked too (`?%00=1`).
   */
  record(kind: string, values: object | undefined | null): this {
    if (!values) return this;
    for (const [name, value] of Object.entries(values)) {
      const texts: unknown[] = Array.isArray(value) ? value : [value];
      const problems = new Set(texts.flatMap((text) => (typeof text === 'string' ? textProblems(text) : NONE)));
      for (const problem of textProblems(name)) problems.add(`name ${problem}`);
      if (problems.size > 0) this.add(`${kind}.${printableName(name)}`, [...problems]);
    }
    return this;
  }

  /** A parsed JSON value, walked without recursion: keys and strings at any depth, and the depth. */
  json(root: string, parsed: unknown): this {
    const pending: { value: unknown; field: string; depth: number; keyProblems: readonly string[] }[] = [
      { value: parsed, field: root, depth: 0, keyProblems: NONE },
    ];
    while (pending.length > 0 && !this.full) {
      const { value, field, depth, keyProblems } = pending.pop()!;
      const problems = [...keyProblems.map((problem) => `key ${problem}`), ...(typeof value === 'string' ? textProblems(value) : [])];
      if (problems.length > 0) this.add(field, problems);
      if (typeof value !== 'object' || value === null) continue;
      if (depth >= MAX_JSON_DEPTH) {
        this.add(field, [`nests deeper than ${MAX_JSON_DEPTH} levels`]);
        return this; // one is enough: its siblings are as deep
      }
      const entries: [string, unknown][] = Array.isArray(value)
        ? value.map((item: unknown, index): [string, unknown] => [String(index), item])
        : Object.entries(value as Record<string, unknown>);
      // Pushed last to first, so the problems come out in document order.
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index];
        pending.push({ value: child, field: `${field}.${printableName(key)}`, depth: depth + 1, keyProblems: textProblems(key) });
      }
    }
    return this;
  }

  private add(field: string, messages: string[]): void {
    if (!this.full) this.errors.push({ field, messages });
  }
}
