import { Client } from 'pg';

/**
 * The fuzzer changes state on purpose (an emergency stop, disconnected integrations, seeded and
 * dismissed moves), so it runs on a database of its own, created empty for each run.
 */
export async function recreateDatabase(url: string): Promise<void> {
  await asAdmin(url, async (admin, name) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await asAdmin(url, (admin, name) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The URL of a database named after the given one's, with a suffix: `caseyos_test` → `caseyos_test_fuzz`. */
export function siblingDatabaseUrl(url: string, suffix: string): string {
  const sibling = new URL(url);
  sibling.pathname = `${sibling.pathname}_${suffix}`;
  return sibling.toString();
}

async function asAdmin(url: string, work: (admin: Client, quotedName: string) => Promise<unknown>): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await work(admin, `"${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}
