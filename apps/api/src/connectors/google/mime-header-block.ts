/** RFC 2047 encoded words; whitespace between two of them is folding, not text. */
const ENCODED_WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
const BETWEEN_ENCODED_WORDS = /(\?=)[ \t]+(?==\?)/g;

function decodeWord(_match: string, _charset: string, encoding: string, text: string): string {
  const bytes =
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
          'latin1',
        );
  // The messages read here are nodemailer's, which encodes in UTF-8 only.
  return bytes.toString('utf8');
}

/**
 * A message's header block as a mail client shows it: folded lines joined, encoded words decoded,
 * keyed by the name as written (the first of a repeated name wins).
 */
export function readHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line
      .slice(colon + 1)
      .trim()
      .replace(BETWEEN_ENCODED_WORDS, '$1')
      .replace(ENCODED_WORD, decodeWord);
    headers[line.slice(0, colon)] ??= value;
  }
  return headers;
}
