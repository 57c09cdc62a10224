import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Signal } from './signal.entity';

/**
 * Which signal holds a payload hash, and since when. A new signal claims its hash with one
 * INSERT … ON CONFLICT that only takes over a claim older than the dedupe window, so of any
 * number of concurrent identical deliveries exactly one is stored. Claims past the window are
 * pruned by the pending-signals job.
 */
@Entity('signal_dedupe_keys')
export class SignalDedupeKey {
  @PrimaryColumn({ name: 'payload_hash', type: 'text' })
  payloadHash!: string;

  @Column({ name: 'signal_id', type: 'uuid' })
  signalId!: string;

  /** Deleting a signal frees its payload for the next delivery. */
  @ManyToOne(() => Signal, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'signal_id', foreignKeyConstraintName: 'FK_signal_dedupe_keys_signal' })
  signal?: Signal;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;
}
