import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IntegrationProvider } from '@caseyos/contracts';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { constantTimeEquals } from '../../platform/auth/constant-time';
import { AppConfig } from '../../platform/config/app-config';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { REDIS } from '../../platform/redis/redis.module';
import { ProviderEndpoints, providerEndpoints } from '../provider-endpoints';
import { IntegrationsService } from './integrations.service';
import { OAuthExchangeError, OAuthExchangeStep, exchangeAuthorizationCode } from './oauth-code-exchange';

/** A consent screen left open longer than this has to start over. */
const STATE_TTL_SECONDS = 600;

/** What the person is told when a step of connecting fails (`why`: the provider's status and reason); only the first means the code was refused. */
const EXCHANGE_FAILURES: Record<OAuthExchangeStep, (provider: IntegrationProvider, why: string) => string> = {
  token_exchange: (provider, why) => `${provider} did not accept the authorization code (${why}).`,
  token_introspection: (provider, why) =>
    `${provider} accepted the authorization code, but reading which account and scopes the token has failed (${why}); connect again.`,
  profile_read: (provider, why) => `${provider} accepted the authorization code, but reading the Gmail profile failed (${why}); connect again.`,
};

interface PendingState {
  provider: IntegrationProvider;
  binding: string;
}

/**
 * The OAuth authorization-code flow. Each start stores a one-time `state` in Redis together with
 * a binding nonce that the browser carries in a cookie; the callback must bring back both.
 */
@Injectable()
export class OAuthFlowService {
  private readonly logger = new Logger('OAuth');

  constructor(
    private readonly config: AppConfig,
    private readonly integrations: IntegrationsService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  endpoints(provider: IntegrationProvider): ProviderEndpoints {
    const endpoints = providerEndpoints(this.config, provider);
    if (!endpoints) {
      throw new ProblemException(409, 'integration-not-configured', `Set the ${provider} client id and secret, or SANDBOX_URL, to connect ${provider}.`);
    }
    return endpoints;
  }

  async start(provider: IntegrationProvider): Promise<{ authorizeUrl: string; binding: string }> {
    const endpoints = this.endpoints(provider);
    const state = randomBytes(24).toString('base64url');
    const binding = randomBytes(24).toString('base64url');
    await this.redis.set(`oauth:state:${state}`, JSON.stringify({ provider, binding } satisfies PendingState), 'EX', STATE_TTL_SECONDS);
    const url = new URL(endpoints.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: endpoints.clientId,
      redirect_uri: endpoints.redirectUri,
      scope: endpoints.scopes.join(' '),
      state,
      response_type: 'code',
      // Google sends a refresh token only for offline access, and only on first consent.
      ...(provider === 'google' ? { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' } : {}),
    }).toString();
    return { authorizeUrl: url.toString(), binding };
  }

  async complete(provider: IntegrationProvider, code: string, state: string, binding: string | undefined): Promise<void> {
    const raw = await this.redis.getdel(`oauth:state:${state}`);
    const pending = raw ? (JSON.parse(raw) as PendingState) : null;
    if (!pending || pending.provider !== provider || !binding || !constantTimeEquals(binding, pending.binding)) {
      throw new ProblemException(400, 'oauth-state-invalid', 'The sign-in link is unknown, used or expired; start connecting again.');
    }
    const endpoints = this.endpoints(provider);
    let connection;
    try {
      connection = await exchangeAuthorizationCode(endpoints, code);
    } catch (error) {
      if (!(error instanceof OAuthExchangeError)) throw error;
      const { step, failure } = error;
      // The classified failure is log-safe: status, reason and the provider's short text, never a token or the code.
      this.logger.warn({ event: 'oauth_exchange_failed', provider, step, error: failure.message });
      const why = failure.status ? [failure.status, failure.reason].filter(Boolean).join(' ') : failure.message.slice(`${provider}: `.length);
      throw new ProblemException(502, 'oauth-exchange-failed', EXCHANGE_FAILURES[step](provider, why), {
        oauth_step: step,
        ...(failure.status ? { provider_status: failure.status } : {}),
        ...(failure.reason ? { provider_reason: failure.reason } : {}),
      });
    }
    await this.integrations.connect(provider, connection);
    this.logger.log({ event: 'integration_connected', provider, mode: connection.mode, account: connection.account });
  }

  /** The sandbox consents at once, so start-up can run the very same flow without a browser. */
  async connectThroughSandbox(provider: IntegrationProvider): Promise<void> {
    const { authorizeUrl, binding } = await this.start(provider);
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    const location = consent.headers.get('location');
    const back = location ? new URL(location) : null;
    const code = back?.searchParams.get('code');
    const state = back?.searchParams.get('state');
    if (!code || !state) throw new Error(`sandbox consent for ${provider} answered ${consent.status} without a code`);
    await this.complete(provider, code, state, binding);
  }
}

/** Error text for logs: status and message only, never request options (they hold tokens). */
export function describe(error: unknown): string {
  const status = (error as { code?: number; status?: number }).code ?? (error as { status?: number }).status;
  const message = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unknown error';
  return status ? `${status}: ${message}` : message;
}
