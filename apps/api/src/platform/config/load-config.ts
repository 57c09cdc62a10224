import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig } from './app-config';

export class ConfigError extends Error {}

/** Settings without a default: they have no own key on a fresh AppConfig. */
export const REQUIRED = ['DATABASE_URL', 'REDIS_URL', 'ADMIN_TOKEN'];

/** Reads the environment into a validated AppConfig; unknown variables are ignored. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set([...Object.keys(new AppConfig()), ...REQUIRED]);
  const relevant = Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== undefined && known.has(key)));
  const config = plainToInstance(AppConfig, relevant);
  const [first] = validateSync(config, { skipMissingProperties: false });
  if (first) {
    const reason = first.constraints ? Object.values(first.constraints)[0] : 'is invalid';
    const message = reason.startsWith(first.property) ? reason : `${first.property} ${reason}`;
    throw new ConfigError(`Invalid configuration: ${message}`);
  }
  if (config.NODE_ENV === 'production' && !config.ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration: ENCRYPTION_KEY is required in production (openssl rand -hex 32)');
  }
  return config;
}
