import type { OutcomeEvidence } from '@caseyos/contracts';
import { createHash } from 'node:crypto';

/** Longer keys are hashed: a btree entry has a size limit, and free text (a note) can be long. */
const MAX_READABLE_LENGTH = 256;

/**
 * The canonical form of a piece of evidence: its non-empty fields, trimmed, sorted by name, as
 * `name=value` pairs joined by `&` (values URI-encoded). Two sightings of the same evidence give
 * the same key whatever the order of their fields, so recording them is idempotent.
 */
export function evidenceKeyOf(evidence: OutcomeEvidence): string {
  const key = Object.entries(evidence)
    .map(([name, value]) => [name, typeof value === 'string' ? value.trim() : ''] as const)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return key.length <= MAX_READABLE_LENGTH ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
