import { INTEGRATION_PROVIDERS } from '@caseyos/contracts';
import type { INestApplicationContext } from '@nestjs/common';
import { IntegrationsService } from '../connectors/oauth/integrations.service';
import { providerEndpoints } from '../connectors/provider-endpoints';
import { AppConfig } from '../platform/config/app-config';

/**
 * Remembers every secret the app holds during a test run (operator token, client secrets, each
 * access and refresh token the store has seen) to check that none reached a log line.
 */
export class SecretWatch {
  private readonly secrets = new Set<string>();

  constructor(private readonly app: INestApplicationContext) {
    const config = app.get(AppConfig);
    this.secrets.add(config.ADMIN_TOKEN);
    for (const provider of INTEGRATION_PROVIDERS) {
      const secret = providerEndpoints(config, provider)?.clientSecret;
      if (secret) this.secrets.add(secret);
    }
  }

  /** Call after anything that may have refreshed or replaced tokens. */
  async sample(): Promise<void> {
    for (const provider of INTEGRATION_PROVIDERS) {
      const tokens = await this.app.get(IntegrationsService).tokens(provider);
      if (tokens?.accessToken) this.secrets.add(tokens.accessToken);
      if (tokens?.refreshToken) this.secrets.add(tokens.refreshToken);
    }
  }

  get count(): number {
    return this.secrets.size;
  }

  /** The secrets found in `text`, shown by their first characters only. */
  leaksIn(text: string): string[] {
    return [...this.secrets].filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 6)}…`);
  }
}
