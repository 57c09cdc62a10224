import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Any fixed number; it only has to be the same in every replica. */
const MIGRATION_LOCK_KEY = 7_301_946_221;

/**
 * Runs pending migrations under a Postgres advisory lock, so replicas starting together
 * apply each migration once and the others wait instead of racing.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

/**
 * The same, on a connection of its own that is closed afterwards: for a process whose start-up
 * hooks run as it is created (Nest initialises an application context, the worker's, in
 * `createApplicationContext`), so its schedulers and heartbeat never meet a database not yet migrated.
 */
export async function runMigrationsBeforeStart(databaseUrl: string): Promise<string[]> {
  // Two connections: the lock's and the one the migrations run on.
  const dataSource = await new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 2, connectionTimeoutMillis: 5000 } }).initialize();
  try {
    return await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** SQL that would bring the schema in line with the entities; empty means no drift. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
