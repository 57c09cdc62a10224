import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorSettings } from '../../connectors/connector-settings';
import { DraftingSettings } from '../../drafting/drafting-settings';
import { AppConfig } from './app-config';
import { ConfigError, REQUIRED, loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_TOKEN: 'a'.repeat(32),
};

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.ROLE).toBe('all');
    expect(config.RATE_LIMIT_MAX).toBe(1200);
    expect(config.TIMEZONE).toBe('UTC');
    expect(config.cookieSecure).toBe(false);
  });

  it('converts numbers and honours overrides', () => {
    const config = loadConfig({ ...valid, PORT: '4100', ROLE: 'worker', NODE_ENV: 'production', ENCRYPTION_KEY: 'ab'.repeat(32) });
    expect(config.PORT).toBe(4100);
    expect(config.runsHttp).toBe(false);
    expect(config.runsWorkers).toBe(true);
    expect(config.cookieSecure).toBe(true);
  });

  it.each([
    [{ ...valid, DATABASE_URL: undefined }, /DATABASE_URL/],
    [{ ...valid, REDIS_URL: 'http://x' }, /REDIS_URL must be a redis:\/\/ URL/],
    [{ ...valid, ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 24 characters/],
    [{ ...valid, PORT: 'abc' }, /PORT/],
    [{ ...valid, ROLE: 'both' }, /ROLE/],
    [{ ...valid, NODE_ENV: 'production' }, /ENCRYPTION_KEY is required in production/],
    [{ ...valid, ENCRYPTION_KEY: 'short' }, /ENCRYPTION_KEY must be 32 bytes/],
    [{ ...valid, PUBLIC_URL: 'example.com/path' }, /PUBLIC_URL/],
    [{ ...valid, TRUST_PROXY: 'yes' }, /TRUST_PROXY must be a hop count or addresses/],
    [{ ...valid, TIMEZONE: 'Mars/Olympus_Mons' }, /TIMEZONE must be an IANA time zone/],
  ])('rejects a bad value with one line naming the variable (%#)', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('.env.example', () => {
  it('lists every setting the app reads', () => {
    const example = readFileSync(join(__dirname, '..', '..', '..', '..', '..', '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const optional = [
      'COOKIE_SECURE',
      'APS_WEIGHTS',
      'ENCRYPTION_KEY',
      'ENCRYPTION_KEY_ACCEPTED',
      'PSEUDONYM_KEY',
      'PUBLIC_URL',
      'TRUST_PROXY',
      'SANDBOX_URL',
      'HUBSPOT_CLIENT_ID',
      'HUBSPOT_CLIENT_SECRET',
      'HUBSPOT_PRIVATE_APP_TOKEN',
      'HUBSPOT_WEBHOOK_SECRET',
      'GOOGLE_CLIENT_ID',
      'GOOGLE_CLIENT_SECRET',
    ];
    const settings = [
      ...Object.keys(new AppConfig()),
      ...REQUIRED,
      ...optional,
      ...Object.keys(new ConnectorSettings()),
      ...Object.keys(new DraftingSettings()),
      'LLM_BASE_URL',
      'LLM_API_KEY',
    ];
    expect(settings.filter((name) => !listed.has(name))).toEqual([]);
  });
});
