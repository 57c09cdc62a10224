import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditResult } from '@caseyos/contracts';

@Entity('audit_log')
// The listing's orders: newest first by (at, id), alone or after an equal actor, action or subject.
@Index('idx_audit_log_at_id', ['at', 'id'])
@Index('idx_audit_log_actor_at', ['actor', 'at', 'id'])
@Index('idx_audit_log_action_at', ['action', 'at', 'id'])
// (subject text_pattern_ops, at, id): an operator class the decorator cannot say; the migration owns it.
@Index('idx_audit_log_subject_at', { synchronize: false })
export class AuditLogEntry {
  /** Monotonic: orders entries written at the same instant. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;

  @Column({ type: 'text' })
  result!: AuditResult;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;
}
