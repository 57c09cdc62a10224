import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../platform/database/data-source-options';
import { SecretBox, encryptionKeyBytes } from '../../platform/crypto/secret-box';
import { Integration } from './integration.entity';

/** Every column that holds a sealed value (named `*_sealed`); the rotation's test checks the schema has no other. */
export const SEALED_COLUMNS = ['accessTokenSealed', 'refreshTokenSealed'] as const;
type SealedColumn = (typeof SEALED_COLUMNS)[number];

export interface ResealReport {
  resealed: number;
  alreadyUnderNewKey: number;
}

/** A rotation that would change nothing, or could not change everything; the message says which and why. */
export class RotationRefused extends Error {}

/**
 * Re-seals every stored token from `from`'s key to `to`'s, in one transaction holding the rows:
 * a value `to` already opens is left as it is (so a second run changes nothing), and a value
 * neither opens refuses the whole rotation, changing nothing.
 */
export async function resealStoredTokens(dataSource: DataSource, from: SecretBox, to: SecretBox): Promise<ResealReport> {
  return dataSource.transaction(async (manager) => {
    const rows = await manager.find(Integration, { lock: { mode: 'pessimistic_write' }, order: { provider: 'ASC' } });
    const { metadata } = manager.getRepository(Integration);
    const report: ResealReport = { resealed: 0, alreadyUnderNewKey: 0 };
    const unopened: string[] = [];
    const updates: { provider: Integration['provider']; resealed: Partial<Record<SealedColumn, string>> }[] = [];
    for (const row of rows) {
      const resealed: Partial<Record<SealedColumn, string>> = {};
      for (const column of SEALED_COLUMNS) {
        const sealed = row[column];
        if (sealed === null) continue;
        if (to.opens(sealed)) {
          report.alreadyUnderNewKey++;
        } else if (from.opens(sealed)) {
          resealed[column] = to.seal(from.open(sealed));
          report.resealed++;
        } else {
          unopened.push(`${metadata.findColumnWithPropertyName(column)?.databaseName ?? column} of ${row.provider}`);
        }
      }
      if (Object.keys(resealed).length > 0) updates.push({ provider: row.provider, resealed });
    }
    if (unopened.length > 0) {
      throw new RotationRefused(
        `Refused: ${unopened.length} stored secret(s) open with neither ENCRYPTION_KEY_OLD nor ENCRYPTION_KEY ` +
          `(integrations: ${unopened.join(', ')}). Nothing was changed. Set ENCRYPTION_KEY_OLD to the key the installation runs with.`,
      );
    }
    for (const { provider, resealed } of updates) await manager.update(Integration, { provider }, resealed);
    return report;
  });
}

/**
 * `npm run rotate-encryption-key`: the keys come from the environment (ENCRYPTION_KEY_OLD, the
 * key the tokens are sealed under now; ENCRYPTION_KEY, the new one), never from arguments, which
 * any user can read in `ps`. Prints counts only, never a key or a token.
 */
export async function rotateEncryptionKey(env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<ResealReport> {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new RotationRefused('DATABASE_URL is not set');
  const from = keyFromEnv(env, 'ENCRYPTION_KEY_OLD');
  const to = keyFromEnv(env, 'ENCRYPTION_KEY');
  if (encryptionKeyBytes(from).equals(encryptionKeyBytes(to))) {
    throw new RotationRefused('ENCRYPTION_KEY_OLD and ENCRYPTION_KEY are the same key: there is nothing to rotate');
  }
  // Audit pseudonyms follow ENCRYPTION_KEY unless PSEUDONYM_KEY pins them: without it an erasure
  // after the rotation would miss every audit entry written before it.
  if (!env.PSEUDONYM_KEY) {
    throw new RotationRefused(
      'PSEUDONYM_KEY is not set. Audit pseudonyms are derived from ENCRYPTION_KEY unless PSEUDONYM_KEY is set, so erasures after the rotation ' +
        'would not find earlier audit entries. Set PSEUDONYM_KEY to ENCRYPTION_KEY_OLD on every process (their pseudonyms stay the same) and here, then run again.',
    );
  }
  const pseudonymKey = keyFromEnv(env, 'PSEUDONYM_KEY');
  // Set to the new key by mistake, it would start new pseudonyms as surely as leaving it unset.
  if (encryptionKeyBytes(pseudonymKey).equals(encryptionKeyBytes(to))) {
    throw new RotationRefused(
      'PSEUDONYM_KEY is the new ENCRYPTION_KEY: that starts new pseudonyms. Set it to ENCRYPTION_KEY_OLD (the key pseudonyms were made with).',
    );
  }
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    const report = await resealStoredTokens(dataSource, SecretBox.fromKey(from), SecretBox.fromKey(to));
    print(`Re-sealed ${report.resealed} stored secret(s) under ENCRYPTION_KEY; ${report.alreadyUnderNewKey} already were.`);
    return report;
  } finally {
    await dataSource.destroy();
  }
}

function keyFromEnv(env: NodeJS.ProcessEnv, name: 'ENCRYPTION_KEY_OLD' | 'ENCRYPTION_KEY' | 'PSEUDONYM_KEY'): string {
  const encoded = env[name];
  if (!encoded) throw new RotationRefused(`${name} is not set (the keys are read from the environment only)`);
  try {
    encryptionKeyBytes(encoded, name);
  } catch (error) {
    throw new RotationRefused((error as Error).message);
  }
  return encoded;
}
