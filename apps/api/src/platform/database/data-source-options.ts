import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** Entities and migrations are found by file name, so feature modules never register here. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const src = join(__dirname, '..', '..');
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(src, '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}
