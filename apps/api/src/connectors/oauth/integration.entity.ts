import type { IntegrationProvider } from '@caseyos/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One connected account per provider. Tokens are sealed (AES-256-GCM) before they get here. */
@Entity('integrations')
export class Integration {
  @PrimaryColumn({ type: 'text' })
  provider!: IntegrationProvider;

  @Column({ type: 'text' })
  mode!: 'sandbox' | 'real';

  @Column({ type: 'text' })
  status!: 'connected' | 'needs_reconnection' | 'disconnected';

  @Column({ type: 'text', nullable: true })
  account!: string | null;

  /** The provider's id of the account (HubSpot's hub id), for links into its app. */
  @Column({ name: 'account_id', type: 'text', nullable: true })
  accountId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  scopes!: string[];

  @Column({ name: 'access_token_sealed', type: 'text', nullable: true })
  accessTokenSealed!: string | null;

  @Column({ name: 'refresh_token_sealed', type: 'text', nullable: true })
  refreshTokenSealed!: string | null;

  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true })
  tokenExpiresAt!: Date | null;

  /** Where each sync stopped: HubSpot's modified-since, Gmail's historyId, Calendar's syncToken. */
  @Column({ name: 'sync_cursors', type: 'jsonb', default: () => "'{}'" })
  syncCursors!: Record<string, string>;

  @Column({ name: 'connected_at', type: 'timestamptz', nullable: true })
  connectedAt!: Date | null;

  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
