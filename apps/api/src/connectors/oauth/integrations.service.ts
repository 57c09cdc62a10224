import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { INTEGRATION_PROVIDERS, IntegrationProvider, IntegrationSummary, IntegrationsResponse } from '@caseyos/contracts';
import { Repository } from 'typeorm';
import { SharedResultCache } from '../../platform/cache/shared-result-cache';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { SECRET_BOX } from '../../platform/crypto/crypto.module';
import { SecretBox } from '../../platform/crypto/secret-box';
import { providerEndpoints } from '../provider-endpoints';
import { Integration } from './integration.entity';

export interface ProviderTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
}

export interface NewConnection extends ProviderTokens {
  mode: 'sandbox' | 'real';
  account: string;
  /** The provider's id of the account, when it says (HubSpot's hub id). */
  accountId?: string | null;
  scopes: string[];
}

interface ConnectedAccount {
  tokens: ProviderTokens | null;
  accountId: string | null;
}

/**
 * Every provider call reads the connected account; under load that read (and the token
 * decryption) would be one more round trip per call. A read is never older than this (no stale
 * serving), so another process's refresh, reconnect or disconnect is seen within it; this
 * process's own changes at once.
 */
const CONNECTED_ACCOUNT_TTL_MS = 1000;

/**
 * The token store and status board of connected accounts. Connectors read and refresh tokens
 * here; nothing else sees a token, and none is stored unsealed.
 */
@Injectable()
export class IntegrationsService {
  private readonly connected = new SharedResultCache<ConnectedAccount>(CONNECTED_ACCOUNT_TTL_MS, { serveStale: false });

  constructor(
    @InjectRepository(Integration) private readonly integrations: Repository<Integration>,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async summary(): Promise<IntegrationsResponse> {
    const rows = new Map((await this.integrations.find()).map((row) => [row.provider, row]));
    const integrations = INTEGRATION_PROVIDERS.map((provider): IntegrationSummary => {
      const stored = rows.get(provider);
      const privateApp = this.privateAppRow(provider);
      // A private-app token is what the connector uses when set, so it is what the board shows.
      const row = privateApp
        ? { ...privateApp, lastSyncAt: stored?.lastSyncAt ?? null, lastError: stored?.lastError ?? null, lastErrorAt: stored?.lastErrorAt ?? null }
        : stored;
      const endpoints = providerEndpoints(this.config, provider);
      return {
        provider,
        status: row?.status ?? (endpoints ? 'disconnected' : 'not_configured'),
        mode: row?.mode ?? endpoints?.mode ?? null,
        account: row?.status === 'disconnected' ? null : (row?.account ?? null),
        scopes: row?.status === 'disconnected' ? [] : (row?.scopes ?? []),
        connected_at: row?.connectedAt?.toISOString() ?? null,
        last_sync_at: row?.lastSyncAt?.toISOString() ?? null,
        last_error: row?.lastError ?? null,
        last_error_at: row?.lastErrorAt?.toISOString() ?? null,
      };
    });
    return { sandbox: !!this.config.SANDBOX_URL, integrations };
  }

  async connect(provider: IntegrationProvider, connection: NewConnection): Promise<void> {
    const now = this.clock.now();
    await this.integrations.upsert(
      {
        provider,
        mode: connection.mode,
        status: 'connected',
        account: connection.account,
        accountId: connection.accountId ?? null,
        scopes: connection.scopes,
        accessTokenSealed: this.box.seal(connection.accessToken),
        refreshTokenSealed: connection.refreshToken ? this.box.seal(connection.refreshToken) : null,
        tokenExpiresAt: connection.expiresAt,
        syncCursors: {},
        connectedAt: now,
        lastError: null,
        lastErrorAt: null,
        updatedAt: now,
      },
      ['provider'],
    );
    this.connected.clear();
  }

  async isConnected(provider: IntegrationProvider): Promise<boolean> {
    if (this.privateAppRow(provider)) return true;
    return (await this.tokens(provider)) !== null;
  }

  /** A HubSpot private-app token needs no OAuth row; the board still shows it as connected. */
  private privateAppRow(provider: IntegrationProvider): Integration | undefined {
    if (provider !== 'hubspot' || !this.config.HUBSPOT_PRIVATE_APP_TOKEN) return undefined;
    return this.integrations.create({
      provider,
      mode: 'real',
      status: 'connected',
      account: 'private app token',
      scopes: [],
      syncCursors: {},
      connectedAt: null,
      lastSyncAt: null,
      lastError: null,
      lastErrorAt: null,
      updatedAt: this.clock.now(),
    });
  }

  /** The provider's id of the connected account (HubSpot's hub id), or null when not known. */
  async accountId(provider: IntegrationProvider): Promise<string | null> {
    return (await this.connectedAccount(provider)).accountId;
  }

  /** Tokens of a connected account; null when it is not connected (or needs reconnecting). */
  async tokens(provider: IntegrationProvider): Promise<ProviderTokens | null> {
    return (await this.connectedAccount(provider)).tokens;
  }

  private connectedAccount(provider: IntegrationProvider): Promise<ConnectedAccount> {
    return this.connected.get(provider, this.clock.now().getTime(), () => this.readConnectedAccount(provider));
  }

  private async readConnectedAccount(provider: IntegrationProvider): Promise<ConnectedAccount> {
    const row = await this.integrations.findOneBy({ provider, status: 'connected' });
    if (!row) return { tokens: null, accountId: null };
    return { tokens: await this.unsealedTokens(row), accountId: row.accountId };
  }

  private async unsealedTokens(row: Integration): Promise<ProviderTokens | null> {
    if (!row.accessTokenSealed) return null;
    try {
      return {
        accessToken: this.box.open(row.accessTokenSealed),
        refreshToken: row.refreshTokenSealed ? this.box.open(row.refreshTokenSealed) : null,
        expiresAt: row.tokenExpiresAt,
      };
    } catch {
      // Sealed under a key this process does not hold: unusable, so the account must be connected again.
      await this.markNeedsReconnection(row.provider, 'Stored tokens cannot be decrypted with ENCRYPTION_KEY (nor ENCRYPTION_KEY_ACCEPTED)', this.clock.now());
      return null;
    }
  }

  /** Merges refreshed tokens: a provider that sends no new refresh token keeps the old one. */
  async saveRefreshedTokens(provider: IntegrationProvider, tokens: Partial<ProviderTokens>): Promise<void> {
    const update: Partial<Integration> = { updatedAt: this.clock.now() };
    if (tokens.accessToken) update.accessTokenSealed = this.box.seal(tokens.accessToken);
    if (tokens.refreshToken) update.refreshTokenSealed = this.box.seal(tokens.refreshToken);
    if (tokens.expiresAt !== undefined) update.tokenExpiresAt = tokens.expiresAt;
    await this.integrations.update({ provider }, update);
    this.connected.clear();
  }

  /**
   * After credentials were refused for good: stop calling the provider until the user
   * reconnects. `failedSince` is when the refused work started: a connection made after that
   * has new credentials, and is left alone.
   */
  async markNeedsReconnection(provider: IntegrationProvider, reason: string, failedSince: Date): Promise<void> {
    const now = this.clock.now();
    await this.integrations
      .createQueryBuilder()
      .update()
      .set({ status: 'needs_reconnection', lastError: reason.slice(0, 500), lastErrorAt: now, updatedAt: now })
      .where('provider = :provider AND (connected_at IS NULL OR connected_at <= :failedSince)', { provider, failedSince })
      .execute();
    this.connected.clear();
  }

  /** A sync went well; `cursors` are where the next one continues. An empty cursor is refused: it would silently restart every sync. */
  async recordSuccess(provider: IntegrationProvider, cursors: Record<string, string> = {}): Promise<void> {
    const empty = Object.keys(cursors).filter((key) => !cursors[key]);
    if (empty.length > 0) throw new Error(`${provider}: refusing to save an empty sync cursor (${empty.join(', ')})`);
    const row = (await this.integrations.findOneBy({ provider })) ?? (await this.savePrivateAppRow(provider));
    if (!row) return;
    const now = this.clock.now();
    await this.integrations.update({ provider }, { lastSyncAt: now, syncCursors: { ...row.syncCursors, ...cursors }, updatedAt: now });
  }

  async recordError(provider: IntegrationProvider, error: string): Promise<void> {
    if (!(await this.integrations.existsBy({ provider }))) await this.savePrivateAppRow(provider);
    const now = this.clock.now();
    await this.integrations.update({ provider }, { lastError: error.slice(0, 500), lastErrorAt: now, updatedAt: now });
  }

  /** Sync cursors and last-sync times of a private-app connection need a row to live in. */
  private async savePrivateAppRow(provider: IntegrationProvider): Promise<Integration | null> {
    const row = this.privateAppRow(provider);
    return row ? this.integrations.save(row) : null;
  }

  async cursor(provider: IntegrationProvider, key: string): Promise<string | null> {
    return (await this.integrations.findOneBy({ provider }))?.syncCursors[key] ?? null;
  }

  /** Forgets the tokens; the row stays so the board can say "disconnected". */
  async disconnect(provider: IntegrationProvider): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.integrations.update(
      { provider },
      { status: 'disconnected', accessTokenSealed: null, refreshTokenSealed: null, tokenExpiresAt: null, syncCursors: {}, updatedAt: now },
    );
    this.connected.clear();
    return (result.affected ?? 0) > 0;
  }
}
