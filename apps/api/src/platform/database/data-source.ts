// Entry for the TypeORM CLI (npm run migration:*): reads DATABASE_URL from the environment.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is not set');
}

export default new DataSource(dataSourceOptions(url));
