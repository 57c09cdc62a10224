import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@hubspot/api-client';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { ConnectorSettings } from '../connector-settings';
import { classifyConnectorError } from '../errors/classify-connector-error';
import { ConnectorAuthError, ConnectorError } from '../errors/connector-errors';
import { IntegrationsService } from '../oauth/integrations.service';
import { providerEndpoints } from '../provider-endpoints';
import { withTimeout } from '../with-timeout';

/** Tokens this close to expiry are refreshed before use rather than after a 401. */
const REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * HubSpot credentials: the private-app token when configured, else the OAuth tokens of the
 * store, refreshed ahead of expiry or once after an expired-token 401. One refresh at a time per
 * process; a refused refresh marks the integration for reconnection, so nothing loops.
 */
@Injectable()
export class HubSpotAuthService {
  private readonly logger = new Logger('HubSpotAuth');
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get usesPrivateAppToken(): boolean {
    return !!this.config.HUBSPOT_PRIVATE_APP_TOKEN;
  }

  /**
   * Names the rate budget this installation draws on. HubSpot counts per app and account, not
   * per process, so every process with the same app credentials and API base shares it.
   */
  get budgetKey(): string {
    const endpoints = providerEndpoints(this.config, 'hubspot');
    const app = this.config.HUBSPOT_PRIVATE_APP_TOKEN ? `private:${this.config.HUBSPOT_PRIVATE_APP_TOKEN}` : `oauth:${endpoints?.clientId ?? 'none'}`;
    // Hashed: the key is visible in Redis, the private-app token must not be.
    return createHash('sha256')
      .update(`${endpoints?.apiBaseUrl ?? 'https://api.hubapi.com'}|${app}`)
      .digest('hex')
      .slice(0, 16);
  }

  /** The API base: the sandbox when SANDBOX_URL points HubSpot there, else api.hubapi.com. */
  get basePath(): string | undefined {
    return providerEndpoints(this.config, 'hubspot')?.apiBaseUrl;
  }

  async accessToken(): Promise<string> {
    if (this.config.HUBSPOT_PRIVATE_APP_TOKEN) return this.config.HUBSPOT_PRIVATE_APP_TOKEN;
    const tokens = await this.integrations.tokens('hubspot');
    if (!tokens) throw notConnected();
    if (!this.expiring(tokens.expiresAt)) return tokens.accessToken;
    try {
      return await this.refresh(tokens.accessToken);
    } catch (error) {
      // HubSpot's token endpoint is briefly unavailable: the old token still works for a while.
      const stillValid = (tokens.expiresAt?.getTime() ?? 0) > this.clock.now().getTime();
      if (stillValid && error instanceof ConnectorError && error.retryable) return tokens.accessToken;
      throw error;
    }
  }

  /** A fresh token in place of `staleToken`; concurrent callers share one refresh. */
  refresh(staleToken: string): Promise<string> {
    this.refreshing ??= this.refreshOnce(staleToken).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refreshOnce(staleToken: string): Promise<string> {
    const startedAt = this.clock.now();
    const tokens = await this.integrations.tokens('hubspot');
    if (!tokens) throw notConnected();
    // Another caller (or process) already replaced the token this one saw fail.
    if (tokens.accessToken !== staleToken && !this.expiring(tokens.expiresAt)) return tokens.accessToken;
    const endpoints = providerEndpoints(this.config, 'hubspot');
    if (!tokens.refreshToken || !endpoints) return this.refused('no refresh token or client credentials to refresh with', startedAt);
    try {
      const oauth = new Client(endpoints.apiBaseUrl ? { basePath: endpoints.apiBaseUrl } : {}).oauth;
      const fresh = await withTimeout(
        oauth.tokensApi.create('refresh_token', undefined, undefined, endpoints.clientId, endpoints.clientSecret, tokens.refreshToken),
        this.settings.CONNECTOR_TIMEOUT_MS,
      );
      await this.integrations.saveRefreshedTokens('hubspot', {
        accessToken: fresh.accessToken,
        refreshToken: fresh.refreshToken || undefined,
        expiresAt: new Date(this.clock.now().getTime() + fresh.expiresIn * 1000),
      });
      this.logger.log({ event: 'token_refreshed', provider: 'hubspot' });
      return fresh.accessToken;
    } catch (error) {
      const classified = classifyConnectorError('hubspot', error);
      // A refusal (bad or revoked refresh token, unknown client) will not heal; an outage might.
      if (classified.kind === 'auth' || classified.kind === 'permanent') return this.refused(classified.message, startedAt);
      throw classified;
    }
  }

  private async refused(why: string, startedAt: Date): Promise<never> {
    await this.integrations.markNeedsReconnection('hubspot', `Token refresh failed; reconnect HubSpot (${why})`, startedAt);
    this.logger.warn({ event: 'integration_needs_reconnection', provider: 'hubspot', error: why });
    throw new ConnectorAuthError('hubspot', `token refresh failed, reconnect needed (${why})`, true);
  }

  private expiring(expiresAt: Date | null): boolean {
    return !!expiresAt && expiresAt.getTime() - this.clock.now().getTime() <= REFRESH_AHEAD_MS;
  }
}

function notConnected(): ConnectorAuthError {
  return new ConnectorAuthError('hubspot', 'not connected (or needs reconnection)', true);
}
