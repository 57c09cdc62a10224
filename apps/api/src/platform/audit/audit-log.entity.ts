import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditResult } from '@caseyos/contracts';

@Entity('audit_log')
@Index('idx_audit_log_actor_id', ['actor', 'id'])
@Index('idx_audit_log_action_id', ['action', 'id'])
export class AuditLogEntry {
  /** Monotonic, so it doubles as the paging cursor. */
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
