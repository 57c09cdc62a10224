import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SecretBox } from '../../platform/crypto/secret-box';
import { TestApp, operatorHeaders, startTestApp } from '../../testing/test-app';
import { ResealReport, RotationRefused, SEALED_COLUMNS, rotateEncryptionKey } from './encryption-key-rotation';
import { IntegrationsService, ProviderTokens } from './integrations.service';

const newKey = () => randomBytes(32).toString('hex');

describe('npm run rotate-encryption-key (real Postgres)', () => {
  const databaseUrl = process.env.DATABASE_URL as string;
  const keyA = newKey();
  const keyB = newKey();
  const tokens: Record<'hubspot' | 'google', ProviderTokens> = {
    hubspot: { accessToken: `hubspot-access-${newKey()}`, refreshToken: `hubspot-refresh-${newKey()}`, expiresAt: new Date('2030-01-01T00:00:00Z') },
    google: { accessToken: `ya29.google-access-${newKey()}`, refreshToken: null, expiresAt: null },
  };
  let db: DataSource;
  /** The table as this suite found it (other suites' connected accounts), put back when it is done. */
  let found: string;

  /** Only the keys the brief allows in the environment, plus the database. */
  const rotate = async (keys: {
    ENCRYPTION_KEY_OLD?: string;
    ENCRYPTION_KEY?: string;
    PSEUDONYM_KEY?: string;
  }): Promise<{ report: ResealReport; printed: string }> => {
    const lines: string[] = [];
    const report = await rotateEncryptionKey({ DATABASE_URL: databaseUrl, PSEUDONYM_KEY: keyA, ...keys }, (line) => lines.push(line));
    return { report, printed: lines.join('\n') };
  };
  const sealedRows = (): Promise<{ provider: string; access_token_sealed: string; refresh_token_sealed: string | null }[]> =>
    db.query('SELECT provider, access_token_sealed, refresh_token_sealed FROM integrations ORDER BY provider');
  const startApp = (env: Record<string, string>) => startTestApp({ ROLE: 'api', SANDBOX_URL: '', ...env });
  const readTokens = async (app: TestApp) => ({
    hubspot: await app.app.get(IntegrationsService).tokens('hubspot'),
    google: await app.app.get(IntegrationsService).tokens('google'),
  });

  beforeAll(async () => {
    await (await startApp({ ENCRYPTION_KEY: keyA })).close(); // migrates the database
    db = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
    [{ rows: found }] = await db.query<{ rows: string }[]>(`SELECT coalesce(jsonb_agg(i), '[]')::text AS rows FROM integrations i`);
  });
  // Every test starts from both accounts connected with tokens sealed under key A, as an app running with it stores them.
  beforeEach(async () => {
    const boxA = SecretBox.fromKey(keyA);
    await db.query('TRUNCATE integrations');
    for (const [provider, stored] of Object.entries(tokens)) {
      await db.query(
        `INSERT INTO integrations (provider, mode, status, account, access_token_sealed, refresh_token_sealed, token_expires_at, connected_at, updated_at)
         VALUES ($1, 'real', 'connected', $2, $3, $4, $5, now(), now())`,
        [provider, `${provider} account`, boxA.seal(stored.accessToken), stored.refreshToken && boxA.seal(stored.refreshToken), stored.expiresAt],
      );
    }
  });
  afterAll(async () => {
    await db?.transaction(async (manager) => {
      await manager.query('TRUNCATE integrations');
      await manager.query('INSERT INTO integrations SELECT * FROM jsonb_populate_recordset(NULL::integrations, $1::jsonb)', [found]);
    });
    await db?.destroy();
  });

  it('re-seals every stored token under the new key, and the app started with only that key reads them all', async () => {
    const before = await sealedRows();
    const { report, printed } = await rotate({ ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB });
    expect(report).toEqual({ resealed: 3, alreadyUnderNewKey: 0 });
    expect(printed).toBe('Re-sealed 3 stored secret(s) under ENCRYPTION_KEY; 0 already were.');

    const after = await sealedRows();
    const boxB = SecretBox.fromKey(keyB);
    expect(after.map((row) => row.provider)).toEqual(['google', 'hubspot']);
    for (const [index, row] of after.entries()) {
      expect(row.access_token_sealed).not.toBe(before[index].access_token_sealed);
      expect(boxB.opens(row.access_token_sealed)).toBe(true);
    }

    const app = await startApp({ ENCRYPTION_KEY: keyB });
    try {
      expect(await readTokens(app)).toEqual(tokens);
      const board = await (await fetch(`${app.baseUrl}/api/integrations`, { headers: operatorHeaders })).json();
      expect(board.integrations.map((entry: { status: string }) => entry.status)).toEqual(['connected', 'connected']);
    } finally {
      await app.close();
    }
  });

  it('changes nothing when run again', async () => {
    await rotate({ ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB });
    const rotated = await sealedRows();
    const again = await rotate({ ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB });
    expect(again.report).toEqual({ resealed: 0, alreadyUnderNewKey: 3 });
    expect(await sealedRows()).toEqual(rotated);
  });

  it('refuses, changing nothing and naming the values, when the old key does not open every token', async () => {
    const before = await sealedRows();
    const wrongOld = newKey();
    const refusal = await rotate({ ENCRYPTION_KEY_OLD: wrongOld, ENCRYPTION_KEY: keyB }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RotationRefused);
    expect((refusal as Error).message).toBe(
      'Refused: 3 stored secret(s) open with neither ENCRYPTION_KEY_OLD nor ENCRYPTION_KEY (integrations: access_token_sealed of google, ' +
        'access_token_sealed of hubspot, refresh_token_sealed of hubspot). Nothing was changed. Set ENCRYPTION_KEY_OLD to the key the installation runs with.',
    );
    expect(await sealedRows()).toEqual(before);

    // All or nothing: one value under a third key stops the tokens the old key does open from moving too.
    const foreign = SecretBox.fromKey(newKey()).seal('token-from-another-install');
    await db.query(`UPDATE integrations SET refresh_token_sealed = $1 WHERE provider = 'hubspot'`, [foreign]);
    const mixed = await sealedRows();
    await expect(rotate({ ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB })).rejects.toThrow(
      /^Refused: 1 stored secret\(s\) .*refresh_token_sealed of hubspot\)/,
    );
    expect(await sealedRows()).toEqual(mixed);
  });

  it('lets processes move to the new key one by one: they open both keys and seal under the new one; the rotation takes the rest', async () => {
    const rolling = await startApp({ ENCRYPTION_KEY: keyB, ENCRYPTION_KEY_ACCEPTED: keyA });
    try {
      expect(await readTokens(rolling)).toEqual(tokens);
      await rolling.app.get(IntegrationsService).saveRefreshedTokens('google', { accessToken: 'ya29.refreshed-under-b' });
    } finally {
      await rolling.close();
    }
    const [google] = await sealedRows();
    expect(SecretBox.fromKey(keyB).open(google.access_token_sealed)).toBe('ya29.refreshed-under-b');

    expect((await rotate({ ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB })).report).toEqual({ resealed: 2, alreadyUnderNewKey: 1 });
    const app = await startApp({ ENCRYPTION_KEY: keyB });
    try {
      expect(await readTokens(app)).toEqual({ ...tokens, google: { ...tokens.google, accessToken: 'ya29.refreshed-under-b' } });
    } finally {
      await app.close();
    }
  });

  it('refuses a missing, malformed or unchanged key, or no PSEUDONYM_KEY, before touching the database', async () => {
    const before = await sealedRows();
    const refusals = await Promise.all(
      [
        { ENCRYPTION_KEY: keyB },
        { ENCRYPTION_KEY_OLD: keyA },
        { ENCRYPTION_KEY_OLD: keyA.slice(2), ENCRYPTION_KEY: keyB },
        { ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyA },
        { ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB, PSEUDONYM_KEY: '' },
        { ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB, PSEUDONYM_KEY: 'abcd' },
        { ENCRYPTION_KEY_OLD: keyA, ENCRYPTION_KEY: keyB, PSEUDONYM_KEY: keyB },
      ].map((keys) =>
        rotate(keys).then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
      ),
    );
    expect(refusals).toEqual([
      'ENCRYPTION_KEY_OLD is not set (the keys are read from the environment only)',
      'ENCRYPTION_KEY is not set (the keys are read from the environment only)',
      'ENCRYPTION_KEY_OLD must be 32 bytes (64 hex characters or base64)',
      'ENCRYPTION_KEY_OLD and ENCRYPTION_KEY are the same key: there is nothing to rotate',
      expect.stringMatching(/^PSEUDONYM_KEY is not set\. Audit pseudonyms are derived from ENCRYPTION_KEY/),
      'PSEUDONYM_KEY must be 32 bytes (64 hex characters or base64)',
      'PSEUDONYM_KEY is the new ENCRYPTION_KEY: that starts new pseudonyms. Set it to ENCRYPTION_KEY_OLD (the key pseudonyms were made with).',
    ]);
    expect(await sealedRows()).toEqual(before);
  });

  it('covers every sealed column the schema has', async () => {
    const columns: { table_name: string; column_name: string }[] = await db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name LIKE '%sealed%' ORDER BY table_name, column_name`,
    );
    expect(columns).toEqual(
      SEALED_COLUMNS.map((column) => ({ table_name: 'integrations', column_name: column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) })),
    );
  });
});
