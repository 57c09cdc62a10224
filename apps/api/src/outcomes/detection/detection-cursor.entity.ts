import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a detect_outcomes sweep has walked (signals by arrival, executions by finish), so each tick goes on from there. */
@Entity('outcome_detection_cursors')
export class DetectionCursor {
  /** `signals` or `silence`. */
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ name: 'position_at', type: 'timestamptz' })
  positionAt!: Date;

  /** The last row at `positionAt` (ties broken by id). */
  @Column({ name: 'position_id', type: 'uuid' })
  positionId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
