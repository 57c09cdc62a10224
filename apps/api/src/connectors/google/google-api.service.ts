import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Credentials, OAuth2Client } from 'google-auth-library';
import { calendar, calendar_v3 } from '@googleapis/calendar';
import { gmail, gmail_v1, auth as googleAuth } from '@googleapis/gmail';
import { AppConfig } from '../../platform/config/app-config';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { logCall, logRetry } from '../call-logging';
import { ConnectorCallOptions, untilAborted } from '../call-options';
import { ConnectorSettings } from '../connector-settings';
import { ConnectorAuthError, ConnectorError } from '../errors/connector-errors';
import { withRetries } from '../errors/with-retries';
import { describe } from '../oauth/oauth-flow.service';
import { IntegrationsService, ProviderTokens } from '../oauth/integrations.service';
import { providerEndpoints } from '../provider-endpoints';

export interface GoogleApis {
  gmail: gmail_v1.Gmail;
  calendar: calendar_v3.Calendar;
}

export interface GoogleCallOptions extends ConnectorCallOptions {
  /** Safe to repeat after a 5xx or timeout (reads, deletes); creates are not. */
  idempotent: boolean;
}

/**
 * Per-request options for a generated method's second argument. With a caller's signal the
 * timeout is a signal of our own too (timeout 0 turns gaxios' off): gaxios replaces a signal that
 * is already aborted by its timeout signal, which would let an aborted call go out anyway.
 */
export type GoogleRequestOptions = { signal?: AbortSignal; timeout?: number };

/**
 * Gmail and Calendar calls with one OAuth2 client per process, built from the store's tokens.
 * google-auth-library refreshes ahead of expiry (5 min) and once after a 401
 * (forceRefreshOnFailure), sharing one refresh between concurrent calls; what it refreshes is
 * merged back into the store. A refused refresh (invalid_grant) marks the integration for
 * reconnection. gaxios' own retry is off so that retries follow the connectors' one policy.
 */
@Injectable()
export class GoogleApiService {
  private readonly logger = new Logger('Google');
  private clients: (GoogleApis & { auth: OAuth2Client }) | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Pass `request` as the generated method's second argument, so that a caller's signal reaches gaxios. */
  call<T>(operation: string, run: (apis: GoogleApis, request: GoogleRequestOptions) => Promise<T>, options: GoogleCallOptions): Promise<T> {
    const startedAt = this.clock.now();
    const { signal } = options;
    const request = (): GoogleRequestOptions =>
      signal ? { signal: AbortSignal.any([signal, AbortSignal.timeout(this.settings.CONNECTOR_TIMEOUT_MS)]), timeout: 0 } : {};
    const call = this.authorized().then((apis) =>
      withRetries(() => run(apis, request()), {
        provider: 'google',
        idempotent: options.idempotent,
        maxRetries: options.retries === false ? 0 : this.settings.CONNECTOR_MAX_RETRIES,
        maxTotalWaitMs: this.settings.CONNECTOR_MAX_RETRY_WAIT_MS,
        baseDelayMs: this.settings.CONNECTOR_RETRY_BASE_MS,
        onRetry: logRetry(this.logger, 'google', operation),
        signal,
      }).catch((error: ConnectorError) => this.failed(error, startedAt)),
    );
    return logCall(this.logger, 'google', operation, untilAborted(call, 'google', signal));
  }

  /** A refused refresh or missing scopes will not heal on their own: the user has to connect again. */
  private async failed(error: ConnectorError, startedAt: Date): Promise<never> {
    if (error instanceof ConnectorAuthError && error.needsReconnection) {
      await this.integrations.markNeedsReconnection('google', `Google refused our credentials; reconnect Google (${error.message})`, startedAt);
      this.logger.warn({ event: 'integration_needs_reconnection', provider: 'google', error: error.message });
    }
    throw error;
  }

  private async authorized(): Promise<GoogleApis> {
    const stored = await this.integrations.tokens('google');
    if (!stored) throw new ConnectorAuthError('google', 'not connected (or needs reconnection)', true);
    this.clients ??= this.createClients();
    adoptStoredTokens(this.clients.auth, stored);
    return this.clients;
  }

  private createClients(): GoogleApis & { auth: OAuth2Client } {
    const endpoints = providerEndpoints(this.config, 'google');
    if (!endpoints) throw new ConnectorAuthError('google', 'not configured: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or SANDBOX_URL', true);
    const auth = new googleAuth.OAuth2({
      clientId: endpoints.clientId,
      clientSecret: endpoints.clientSecret,
      redirectUri: endpoints.redirectUri,
      endpoints: { oauth2TokenUrl: endpoints.tokenUrl },
      forceRefreshOnFailure: true,
    });
    auth.on('tokens', (tokens) => this.saveRefreshed(tokens));
    const options = { auth, timeout: this.settings.CONNECTOR_TIMEOUT_MS, retry: false, ...(endpoints.apiBaseUrl ? { rootUrl: endpoints.apiBaseUrl } : {}) };
    return { auth, gmail: gmail({ version: 'v1', ...options }), calendar: calendar({ version: 'v3', ...options }) };
  }

  /** Google sends a refresh token only now and then: merge, never overwrite with nothing. */
  private saveRefreshed(tokens: Credentials): void {
    this.integrations
      .saveRefreshedTokens('google', {
        accessToken: tokens.access_token ?? undefined,
        refreshToken: tokens.refresh_token ?? undefined,
        expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : undefined,
      })
      .then(
        () => this.logger.log({ event: 'token_refreshed', provider: 'google' }),
        (error: unknown) => this.logger.warn({ event: 'token_save_failed', provider: 'google', error: describe(error) }),
      );
  }
}

/**
 * Takes the store's tokens when they are not what the client holds: a reconnect (another refresh
 * token) or a newer access token from another process. A token this client refreshed itself may
 * not be saved yet; its later expiry keeps it.
 */
function adoptStoredTokens(auth: OAuth2Client, stored: ProviderTokens): void {
  const held = auth.credentials;
  const storedExpiry = stored.expiresAt?.getTime() ?? 0;
  const reconnected = (stored.refreshToken ?? undefined) !== (held.refresh_token ?? undefined);
  const newer = stored.accessToken !== held.access_token && storedExpiry >= (held.expiry_date ?? 0);
  if (reconnected || newer) {
    auth.setCredentials({ access_token: stored.accessToken, refresh_token: stored.refreshToken ?? undefined, expiry_date: stored.expiresAt?.getTime() });
  }
}
