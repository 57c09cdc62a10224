import type { Agent } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@hubspot/api-client';
import type Redis from 'ioredis';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { REDIS } from '../../platform/redis/redis.module';
import { logCall, logRetry } from '../call-logging';
import { ConnectorCallOptions, callerAborted, untilAborted } from '../call-options';
import { ConnectorSettings } from '../connector-settings';
import { classifyConnectorError } from '../errors/classify-connector-error';
import { ConnectorAuthError, ConnectorError, ConnectorRateLimitError } from '../errors/connector-errors';
import { withRetries } from '../errors/with-retries';
import { IntegrationsService } from '../oauth/integrations.service';
import { withTimeout } from '../with-timeout';
import { abortableAgent } from './abortable-agent';
import { HubSpotAuthService } from './hubspot-auth.service';
import { HubSpotRateLimiter, realLimiterClock } from './hubspot-rate-limiter';
import { RedisRateBudget } from './shared-rate-budget';

export interface HubSpotCallOptions extends ConnectorCallOptions {
  /** Safe to repeat after a 5xx or timeout (reads, deletes); creates are not. */
  idempotent: boolean;
  /** A CRM search, which has its own per-second budget. */
  search?: boolean;
}

/**
 * Every HubSpot API call goes through here: the client-side rate limiter, credentials, one
 * refresh-and-retry on an expired token, a timeout, and bounded retries on 429 and transient
 * failures (or one attempt with `retries: false`). A caller's signal closes the request's
 * connection (see abortable-agent.ts); a timeout only abandons it. The SDK's own
 * `limiterOptions` and `numberOfApiCallRetries` stay off: they are process-wide (every
 * `new Client` replaces them), the retry ignores Retry-After, waits a fixed 10 s per attempt,
 * repeats non-idempotent creates after a 5xx and writes to console.error.
 */
@Injectable()
export class HubSpotApiService {
  private readonly logger = new Logger('HubSpot');
  private readonly limiter: HubSpotRateLimiter;
  private client: { token: string; sdk: Client } | null = null;

  constructor(
    private readonly auth: HubSpotAuthService,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REDIS) redis: Redis,
  ) {
    this.limiter = new HubSpotRateLimiter(
      { per10Seconds: settings.HUBSPOT_REQUESTS_PER_10S, searchesPerSecond: settings.HUBSPOT_SEARCH_REQUESTS_PER_SECOND },
      new RedisRateBudget(redis, `caseyos:hubspot:budget:${auth.budgetKey}`),
      realLimiterClock,
      (error) => this.logger.warn({ event: 'shared_rate_budget_unavailable', provider: 'hubspot', error: error.message }),
    );
  }

  call<T>(operation: string, run: (sdk: Client) => Promise<T>, options: HubSpotCallOptions): Promise<T> {
    const startedAt = this.clock.now();
    const call = withRetries(() => this.attempt(run, options).catch((error: unknown) => this.pauseAfter429(error)), {
      provider: 'hubspot',
      idempotent: options.idempotent,
      maxRetries: options.retries === false ? 0 : this.settings.CONNECTOR_MAX_RETRIES,
      maxTotalWaitMs: this.settings.CONNECTOR_MAX_RETRY_WAIT_MS,
      baseDelayMs: this.settings.CONNECTOR_RETRY_BASE_MS,
      onRetry: logRetry(this.logger, 'hubspot', operation),
      signal: options.signal,
    });
    const settled = call.catch((error: ConnectorError) => this.failed(error, startedAt));
    return logCall(this.logger, 'hubspot', operation, untilAborted(settled, 'hubspot', options.signal));
  }

  /** HubSpot said 429: every caller of every process holds off that long, whether or not this one retries. */
  private pauseAfter429(raw: unknown): never {
    const error = classifyConnectorError('hubspot', raw);
    if (error instanceof ConnectorRateLimitError && !error.daily) this.limiter.pause(error.retryAfterMs, error.reason === 'SECONDLY');
    throw error;
  }

  /**
   * Missing scopes will not heal on their own: the user has to connect again, granting them.
   * (A refused refresh is marked where it happens; "not connected" needs no mark.)
   */
  private async failed(error: ConnectorError, startedAt: Date): Promise<never> {
    if (error instanceof ConnectorAuthError && error.needsReconnection && error.status !== undefined) {
      await this.integrations.markNeedsReconnection('hubspot', `HubSpot refused our credentials; reconnect HubSpot (${error.message})`, startedAt);
      this.logger.warn({ event: 'integration_needs_reconnection', provider: 'hubspot', error: error.message });
    }
    throw error;
  }

  private async attempt<T>(run: (sdk: Client) => Promise<T>, options: HubSpotCallOptions): Promise<T> {
    await this.limiter.acquire(!!options.search);
    const token = await this.auth.accessToken();
    try {
      return await this.send(run, token, options.signal);
    } catch (error) {
      if (this.auth.usesPrivateAppToken || !isExpiredToken(error)) throw error;
      // Once: a second expired-token answer is thrown as an auth error, never refreshed again.
      const fresh = await this.auth.refresh(token);
      await this.limiter.acquire(!!options.search);
      return await this.send(run, fresh, options.signal);
    }
  }

  private send<T>(run: (sdk: Client) => Promise<T>, token: string, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(callerAborted('hubspot'));
    return withTimeout(run(signal ? this.abortableSdk(token, signal) : this.sdk(token)), this.settings.CONNECTOR_TIMEOUT_MS);
  }

  /** One SDK client per access token: constructing it is cheap, sharing it across tokens is not safe. */
  private sdk(token: string): Client {
    if (this.client?.token !== token) this.client = { token, sdk: this.newClient(token) };
    return this.client.sdk;
  }

  /** A client of its own for a call that can be aborted: its agent closes the call's connection. */
  private abortableSdk(token: string, signal: AbortSignal): Client {
    return this.newClient(token, abortableAgent(this.auth.basePath ?? 'https://api.hubapi.com', signal));
  }

  private newClient(token: string, httpAgent?: Agent): Client {
    const basePath = this.auth.basePath;
    return new Client({ accessToken: token, ...(basePath ? { basePath } : {}), ...(httpAgent ? { httpAgent } : {}) });
  }
}

function isExpiredToken(error: unknown): boolean {
  const e = error as { code?: unknown; body?: { category?: unknown } };
  return e?.code === 401 && e.body?.category === 'EXPIRED_AUTHENTICATION';
}
