import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last run of each scheduled job, kept in Postgres so /health/beat survives a Redis loss. */
@Entity('job_beats')
export class JobBeat {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ name: 'every_ms', type: 'int' })
  everyMs!: number;

  @Column({ name: 'last_run_at', type: 'timestamptz', nullable: true })
  lastRunAt!: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  /** Failed ticks since the last success: the scheduled-job alert fires at ALERT_POLLER_FAILURES. */
  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures!: number;
}
