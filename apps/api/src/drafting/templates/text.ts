import { unresolvedIn } from './draft-guard';

const ELLIPSIS = '…';

/**
 * A stored value as one tidy line, or null when it is not usable text. Text that would trip the
 * draft guard (say a note saying "null") counts as unknown, so a draft falls back instead of failing.
 */
export function clean(value: unknown, maxLength = 200): string | null {
  if (typeof value !== 'string') return null;
  // Control characters and line breaks would split subjects and headers.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  const line = value.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  if (!line || unresolvedIn(line) !== null) return null;
  return fitToLength(line, maxLength);
}

/** Cuts text to at most `maxLength` UTF-16 units, on a word boundary where one is near, with an ellipsis. */
export function fitToLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = '';
  // Whole code points only, so no emoji is split in half.
  for (const char of text) {
    if (cut.length + char.length > maxLength - ELLIPSIS.length) break;
    cut += char;
  }
  const lastSpace = cut.search(/\s\S*$/);
  // Cut at the last space unless that throws most of the text away; a hard cut still drops the
  // trailing part-word, so "x-nullable" never becomes "x-null" for the guard to reject.
  const atWord = lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut.replace(/(\W)\w+$/, '$1');
  return atWord.replace(/[\s.,;:!?\-–—]+$/, '') + ELLIPSIS;
}

/** Joins the lines that exist, dropping the missing ones. */
export function lines(...parts: (string | null | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string').join('\n');
}

/** Ends the text with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
