import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp } from '../../testing/test-app';

const MARKER = 'backup-restore-marker';

/** The same server, another database: `postgres://…/name` with the last path segment replaced. */
function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('tools/backup.sh and tools/restore.sh (real Postgres)', () => {
  const source = process.env.DATABASE_URL as string;
  const restoredName = `${new URL(source).pathname.slice(1)}_restored`;
  const restored = databaseUrl(source, restoredName);
  const dir = mkdtempSync(join(tmpdir(), 'caseyos-backup-'));
  let admin: DataSource;

  beforeAll(async () => {
    admin = await new DataSource({ type: 'postgres', url: source }).initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
    await admin.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a database with data, restores it into a fresh one, and the app starts on it', async () => {
    const original = await startTestApp({ ROLE: 'api' }); // migrates the source database
    await original.close();
    await admin.query(`INSERT INTO "job_beats" ("name", "every_ms") VALUES ($1, 1000) ON CONFLICT ("name") DO NOTHING`, [MARKER]);

    const file = join(dir, 'caseyos.dump');
    execFileSync('bash', ['tools/backup.sh', file], { env: { ...process.env, DATABASE_URL: source }, stdio: 'pipe' });
    await admin.query(`CREATE DATABASE "${restoredName}"`);
    execFileSync('bash', ['tools/restore.sh', file], { env: { ...process.env, DATABASE_URL: restored }, stdio: 'pipe' });

    const app = await startTestApp({ ROLE: 'api', DATABASE_URL: restored });
    try {
      expect((await fetch(`${app.baseUrl}/ready`)).status).toBe(200);
      const rows = await app.app.get(DataSource).query(`SELECT "name" FROM "job_beats" WHERE "name" = $1`, [MARKER]);
      expect(rows).toEqual([{ name: MARKER }]);
    } finally {
      await app.close();
    }
  });
});
