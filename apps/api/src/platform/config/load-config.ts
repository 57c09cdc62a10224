import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig } from './app-config';

export class ConfigError extends Error {}

/** Settings without a default: they have no own key on a fresh AppConfig. */
export const REQUIRED = ['DATABASE_URL', 'REDIS_URL', 'ADMIN_TOKEN'];

/**
 * Reads the variables a settings class declares (plus `required` ones without a default) from
 * the environment and validates them; an empty value counts as unset. The first problem stops
 * the start with one line naming the variable.
 */
export function loadSettings<T extends object>(settingsClass: new () => T, env: NodeJS.ProcessEnv, required: string[] = []): T {
  const known = new Set([...Object.keys(new settingsClass()), ...required]);
  const relevant = Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== undefined && value !== '' && known.has(key)));
  const settings = plainToInstance(settingsClass, relevant);
  const [first] = validateSync(settings);
  if (first) {
    const reason = first.constraints ? Object.values(first.constraints)[0] : 'is invalid';
    const message = reason.startsWith(first.property) ? reason : `${first.property} ${reason}`;
    throw new ConfigError(`Invalid configuration: ${message}`);
  }
  return settings;
}

const sources = new WeakMap<AppConfig, NodeJS.ProcessEnv>();

/** Reads the environment into a validated AppConfig; unknown variables are ignored. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config = loadSettings(AppConfig, env, REQUIRED);
  if (config.NODE_ENV === 'production' && !config.ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration: ENCRYPTION_KEY is required in production (openssl rand -hex 32)');
  }
  sources.set(config, { ...env });
  return config;
}

/**
 * The environment `config` was read from. A feature module reads its own settings from it
 * (`loadSettings`), so a whole app is configured by the one environment it was started with.
 */
export function environmentOf(config: AppConfig): NodeJS.ProcessEnv {
  const env = sources.get(config);
  if (!env) throw new Error('AppConfig was not created by loadConfig');
  return env;
}
