import type { ActionType, Domain, ExecutionPlan, ExecutionResultData, ExecutionStatus, ProblemDetails } from '@caseyos/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One attempt to carry out a move (or a dry run of it): the exact outbound requests, what came
 * back, and how it ended. The move is referenced by id and a foreign key only; its entity
 * belongs to the command queue.
 */
@Entity('executions')
@Index('idx_executions_item_status', ['itemId', 'status'])
@Index('uq_executions_idempotency_key', ['idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
// The database's last word on "one at a time": a move has at most one queued or running execution.
@Index('uq_executions_item_active', ['itemId'], { unique: true, where: `"status" IN ('queued', 'running') AND NOT "dry_run"` })
// The limits count real executions only; dry runs (any number of them) stay out of these indexes.
@Index('idx_executions_action_started', ['actionType', 'startedAt'], { where: 'NOT "dry_run"' })
@Index('idx_executions_contact_started', ['contactEmail', 'startedAt'], { where: 'NOT "dry_run"' })
@Index('idx_executions_created', ['createdAt', 'id'])
@Index('idx_executions_status_run_at', ['status', 'runAt'])
export class Execution {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  /** By entity name, not import: the move's entity is the command queue's. */
  @ManyToOne('CommandQueueItem', { onDelete: 'RESTRICT', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_executions_item' })
  item?: object;

  @Column({ type: 'text' })
  domain!: Domain;

  @Column({ name: 'action_type', type: 'text' })
  actionType!: ActionType;

  /** The move's title when it ran, so the history reads without a join. */
  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'text' })
  status!: ExecutionStatus;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun!: boolean;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'idempotency_expires_at', type: 'timestamptz', nullable: true })
  idempotencyExpiresAt!: Date | null;

  /** SHA-256 of the move id and the request's options: a key reused for anything else is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** The exact outbound requests. */
  @Column({ type: 'jsonb', nullable: true })
  plan!: ExecutionPlan | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: ExecutionResultData | null;

  @Column({ type: 'jsonb', nullable: true })
  error!: ProblemDetails | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** A queued execution's next try. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt!: Date | null;

  /** What the execute request was answered, replayed for the same Idempotency-Key. */
  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'rolled_back_at', type: 'timestamptz', nullable: true })
  rolledBackAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
