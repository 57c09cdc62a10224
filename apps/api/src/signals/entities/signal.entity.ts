import type { SignalSource } from '@caseyos/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Something that happened where demand shows up, stored once, before anyone is told "accepted". */
@Entity('signals')
@Index('idx_signals_source_processed', ['source', 'processedAt'])
@Index('idx_signals_received', ['receivedAt', 'id'])
@Index('idx_signals_source_external', ['source', 'externalId'])
@Index('idx_signals_contact_received', ['contactEmail', 'receivedAt'])
export class Signal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  source!: SignalSource;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  company!: string | null;

  /** The id the source gave it (HubSpot deal id, Gmail message id, …). */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'payload_hash', type: 'text' })
  payloadHash!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ name: 'item_id', type: 'uuid', nullable: true })
  itemId!: string | null;

  @Column({ type: 'text', nullable: true })
  rule!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  classification!: { label: 'positive' | 'negative' | 'neutral'; rule: string } | null;
}
