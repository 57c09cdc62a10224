import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { INTEGRATION_PROVIDERS } from '@caseyos/contracts';
import { AppConfig } from '../../platform/config/app-config';
import { providerEndpoints } from '../provider-endpoints';
import { IntegrationsService } from './integrations.service';
import { OAuthFlowService, describe } from './oauth-flow.service';

/** In sandbox mode, connects every provider that is not connected yet, through the real flow. */
@Injectable()
export class SandboxAutoConnect implements OnApplicationBootstrap {
  private readonly logger = new Logger('SandboxAutoConnect');

  constructor(
    private readonly config: AppConfig,
    private readonly integrations: IntegrationsService,
    private readonly oauth: OAuthFlowService,
  ) {}

  async onApplicationBootstrap() {
    if (!this.config.SANDBOX_URL || !this.config.runsHttp) return;
    for (const provider of INTEGRATION_PROVIDERS) {
      if (providerEndpoints(this.config, provider)?.mode !== 'sandbox') continue;
      if (await this.integrations.isConnected(provider)) continue;
      try {
        await this.oauth.connectThroughSandbox(provider);
      } catch (error) {
        // The app still starts; the Integrations page shows the provider as not connected.
        this.logger.warn({ event: 'sandbox_connect_failed', provider, error: describe(error) });
      }
    }
  }
}
