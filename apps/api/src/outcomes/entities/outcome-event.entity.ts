import { OUTCOME_TYPES, OutcomeEvidence, OutcomeType } from '@caseyos/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Something that happened after a move: a reply, a meeting, a deal moving. Attributed to the
 * execution it answers when there is one. The move and the execution are referenced by foreign
 * keys declared by entity name; their entities belong to the command queue and execution.
 */
@Entity('outcome_events')
@Check('chk_outcome_events_type', `"outcome_type" IN (${OUTCOME_TYPES.map((type) => `'${type}'`).join(', ')})`)
// Idempotent detection: the same evidence of the same type for the same execution is one event;
// without an execution, for the same move (a plain unique index would let NULLs repeat).
@Index('uq_outcome_events_execution_evidence', ['executionId', 'outcomeType', 'evidenceKey'], { unique: true, where: '"execution_id" IS NOT NULL' })
@Index('uq_outcome_events_item_evidence', ['itemId', 'outcomeType', 'evidenceKey'], { unique: true, where: '"execution_id" IS NULL' })
// (item_id, detected_at DESC, id DESC): a move's outcomes newest first; DESC lives in the migration only.
@Index('idx_outcome_events_item_detected', { synchronize: false })
@Index('idx_outcome_events_detected', ['detectedAt', 'id'])
@Index('idx_outcome_events_contact_detected', ['contactEmail', 'detectedAt', 'id'])
@Index('idx_outcome_events_type_detected', ['outcomeType', 'detectedAt', 'id'])
export class OutcomeEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne('CommandQueueItem', { onDelete: 'RESTRICT', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_outcome_events_item' })
  item?: object;

  @Column({ name: 'execution_id', type: 'uuid', nullable: true })
  executionId!: string | null;

  @ManyToOne('Execution', { onDelete: 'RESTRICT', createForeignKeyConstraints: true, nullable: true })
  @JoinColumn({ name: 'execution_id', foreignKeyConstraintName: 'FK_outcome_events_execution' })
  execution?: object;

  @Column({ name: 'outcome_type', type: 'text' })
  outcomeType!: OutcomeType;

  /** Lower case, so a contact's timeline finds every event. */
  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'detected_at', type: 'timestamptz' })
  detectedAt!: Date;

  /** `manual`, or the detector's name. */
  @Column({ type: 'text' })
  source!: string;

  /** The evidence: signal, message, event or deal ids, stages, a note. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: OutcomeEvidence;

  /** The evidence in canonical form (`evidence-key.ts`). */
  @Column({ name: 'evidence_key', type: 'text' })
  evidenceKey!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
