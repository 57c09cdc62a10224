import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The kill switch: one row, in Postgres so that it survives restarts and a Redis loss. */
@Entity('execution_emergency_stop')
@Check('chk_execution_emergency_stop_single', '"id" = 1')
export class EmergencyStop {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'boolean', default: false })
  active!: boolean;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'changed_by', type: 'text', nullable: true })
  changedBy!: string | null;

  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt!: Date | null;
}
