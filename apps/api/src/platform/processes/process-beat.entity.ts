import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One running (or lately running) CaseyOS process and its last heartbeat; each process writes only its own row. */
@Entity('process_beats')
export class ProcessBeat {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  version!: string;

  @Column({ name: 'every_ms', type: 'int' })
  everyMs!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'last_beat_at', type: 'timestamptz' })
  lastBeatAt!: Date;
}
