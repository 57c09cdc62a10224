import type { ActionType, ApsBreakdown, Domain, QueueItemStatus } from '@caseyos/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ScoreInputs } from '../aps/score-inputs';

/**
 * A recommended move. The ranking indexes (partial, with DESC columns) live in the migration
 * only; `synchronize: false` keeps the drift check from trying to rebuild them.
 */
@Entity('command_queue_items')
@Check('chk_command_queue_items_aps', '"aps" >= 0 AND "aps" <= 1')
@Index('idx_command_queue_items_status_domain_aps', { synchronize: false })
@Index('idx_command_queue_items_today', { synchronize: false })
@Index('idx_command_queue_items_today_domain', { synchronize: false })
// (lower(contact_email), created_at, id): a contact's moves, for the outcomes timeline.
@Index('idx_command_queue_items_contact', { synchronize: false })
@Index('idx_command_queue_items_deal', ['dealId', 'createdAt'], { where: '"deal_id" IS NOT NULL' })
// An account's moves, whose executions and outcomes feed its CS risk.
@Index('idx_command_queue_items_company', ['company', 'createdAt'], { where: '"company" IS NOT NULL' })
@Index('idx_command_queue_items_status_changed', ['status', 'statusChangedAt'])
@Index('uq_command_queue_items_origin_key', ['originKey'], { unique: true, where: '"origin_key" IS NOT NULL' })
export class CommandQueueItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  domain!: Domain;

  @Column({ name: 'action_type', type: 'text' })
  actionType!: ActionType;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: QueueItemStatus;

  @Column({ type: 'double precision' })
  aps!: number;

  @Column({ name: 'aps_breakdown', type: 'jsonb' })
  apsBreakdown!: ApsBreakdown;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons!: string[];

  /** What the score was computed from, so the move can be rescored as time passes. */
  @Column({ name: 'score_inputs', type: 'jsonb', default: () => "'{}'" })
  scoreInputs!: ScoreInputs;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ type: 'text', nullable: true })
  company!: string | null;

  @Column({ name: 'deal_id', type: 'text', nullable: true })
  dealId!: string | null;

  @Column({ name: 'deal_amount', type: 'double precision', nullable: true })
  dealAmount!: number | null;

  @Column({ name: 'signal_id', type: 'uuid', nullable: true })
  signalId!: string | null;

  @Column({ name: 'action_params', type: 'jsonb', default: () => "'{}'" })
  actionParams!: Record<string, unknown>;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil!: Date | null;

  @Column({ name: 'dismiss_reason', type: 'text', nullable: true })
  dismissReason!: string | null;

  /** Creation key (demo:<key>, signal:<id>): whatever creates a move twice gets the first one. */
  @Column({ name: 'origin_key', type: 'text', nullable: true })
  originKey!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;
}
