import { loadConfig } from '../platform/config/load-config';
import { providerEndpoints } from './provider-endpoints';

const base = { DATABASE_URL: 'postgres://x@h/db', REDIS_URL: 'redis://h', ADMIN_TOKEN: 'a'.repeat(32), PORT: '3000' };

describe('providerEndpoints', () => {
  it('is null for a provider with neither credentials nor a sandbox', () => {
    expect(providerEndpoints(loadConfig(base), 'hubspot')).toBeNull();
  });

  it('points both providers at the sandbox when SANDBOX_URL is set', () => {
    const config = loadConfig({ ...base, SANDBOX_URL: 'http://127.0.0.1:3900' });
    expect(providerEndpoints(config, 'hubspot')).toMatchObject({
      mode: 'sandbox',
      authorizeUrl: 'http://127.0.0.1:3900/oauth/authorize',
      tokenUrl: 'http://127.0.0.1:3900/oauth/v1/token',
      apiBaseUrl: 'http://127.0.0.1:3900',
      redirectUri: 'http://localhost:3000/api/integrations/hubspot/callback',
    });
    expect(providerEndpoints(config, 'google')).toMatchObject({
      mode: 'sandbox',
      apiBaseUrl: 'http://127.0.0.1:3900/',
      tokenUrl: 'http://127.0.0.1:3900/token',
    });
  });

  it('prefers real credentials, per provider, and builds redirects from PUBLIC_URL', () => {
    const config = loadConfig({
      ...base,
      SANDBOX_URL: 'http://127.0.0.1:3900',
      GOOGLE_CLIENT_ID: 'id',
      GOOGLE_CLIENT_SECRET: 'secret',
      PUBLIC_URL: 'https://caseyos.example.com',
    });
    expect(providerEndpoints(config, 'google')).toMatchObject({
      mode: 'real',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      apiBaseUrl: undefined,
      redirectUri: 'https://caseyos.example.com/api/integrations/google/callback',
    });
    expect(providerEndpoints(config, 'hubspot')?.mode).toBe('sandbox');
  });
});
