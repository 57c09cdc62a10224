import { Injectable, Logger } from '@nestjs/common';
import { INTEGRATION_PROVIDERS } from '@caseyos/contracts';
import { AppConfig } from '../../platform/config/app-config';
import { providerEndpoints } from '../provider-endpoints';
import { OAuthFlowService, describe } from './oauth-flow.service';

/**
 * In sandbox mode, connects every sandbox provider at start-up through the real flow. Always:
 * the sandbox keeps its world in memory, so tokens from its previous run mean nothing to it.
 * Called by bootstrap before the app initialises, so no poller runs with last run's tokens.
 */
@Injectable()
export class SandboxAutoConnect {
  private readonly logger = new Logger('SandboxAutoConnect');

  constructor(
    private readonly config: AppConfig,
    private readonly oauth: OAuthFlowService,
  ) {}

  async connectAll(): Promise<void> {
    if (!this.config.SANDBOX_URL || !this.config.runsHttp) return;
    for (const provider of INTEGRATION_PROVIDERS) {
      if (providerEndpoints(this.config, provider)?.mode !== 'sandbox') continue;
      try {
        await this.oauth.connectThroughSandbox(provider);
      } catch (error) {
        // The app still starts; the Integrations page shows the provider as not connected.
        this.logger.warn({ event: 'sandbox_connect_failed', provider, error: describe(error) });
      }
    }
  }
}
