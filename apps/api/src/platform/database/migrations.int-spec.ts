import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { pendingSchemaChanges, runMigrationsLocked } from './run-migrations';

describe('migrations', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL as string)).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('match the entities exactly (no drift)', async () => {
    await runMigrationsLocked(dataSource);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('revert cleanly and apply again', async () => {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((row: { table_name: string }) => row.table_name)).toEqual(['schema_migrations']);

    expect(await runMigrationsLocked(dataSource)).toHaveLength(count);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('apply once when replicas start together', async () => {
    const others = await Promise.all([1, 2].map(() => new DataSource(dataSourceOptions(process.env.DATABASE_URL as string)).initialize()));
    try {
      const applied = await Promise.all([dataSource, ...others].map((source) => runMigrationsLocked(source)));
      expect(applied.flat()).toEqual([]);
    } finally {
      await Promise.all(others.map((source) => source.destroy()));
    }
  });
});
