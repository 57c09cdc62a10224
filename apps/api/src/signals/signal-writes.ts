import { createHash } from 'node:crypto';
import type { EntityMetadata } from 'typeorm';
import { WriteStatement } from '../platform/database/write-statement';
import type { Signal } from './entities/signal.entity';

/** The same payload again within this window is the same signal. */
export const DEDUPE_WINDOW_MS = 5 * 60_000;

/** SHA-256 of the canonical JSON of source, kind and payload: key order does not matter. */
export function payloadHash(source: string, kind: string, payload: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson({ source, kind, payload })).digest('hex');
}

/**
 * Adds the claim of the signal's payload hash (taking over only a claim older than the window)
 * and, gated on it, the signal's insert as it stands (processed or not). Returns the part that
 * yields the signal's id, or no row when the payload is a repeat.
 */
export function addStoreSignal(statement: WriteStatement, metadata: EntityMetadata, signal: Signal): string {
  const p = (value: unknown, type: string) => statement.param(value, type);
  const claim = statement.with(
    'claim',
    `INSERT INTO signal_dedupe_keys AS held (payload_hash, signal_id, claimed_at)
     VALUES (${p(signal.payloadHash, 'text')}, ${p(signal.id, 'uuid')}, ${p(signal.receivedAt, 'timestamptz')})
     ON CONFLICT (payload_hash) DO UPDATE SET signal_id = EXCLUDED.signal_id, claimed_at = EXCLUDED.claimed_at
     WHERE held.claimed_at <= ${p(new Date(signal.receivedAt.getTime() - DEDUPE_WINDOW_MS), 'timestamptz')}
     RETURNING signal_id`,
  );
  return statement.insert('stored_signal', metadata, signal, { gate: claim, returning: 'id' });
}

/**
 * Adds marking a stored signal processed, only if nothing marked it since: of two retries of
 * the same signal one gets the row, and whatever is gated on it is written once.
 */
export function addMarkProcessed(statement: WriteStatement, signalId: string, outcome: Pick<Signal, 'processedAt' | 'itemId' | 'rule'>): string {
  return statement.with(
    'marked',
    `UPDATE signals SET processed_at = ${statement.param(outcome.processedAt, 'timestamptz')}, item_id = ${statement.param(outcome.itemId, 'uuid')},
            rule = ${statement.param(outcome.rule, 'text')}
      WHERE id = ${statement.param(signalId, 'uuid')} AND processed_at IS NULL
     RETURNING id`,
  );
}

/** Key order must not make two equal payloads hash differently. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
