import type { ActionType, ChannelVariantView } from '@caseyos/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Execution } from '../entities/execution.entity';

/** A marketing draft (post, newsletter, repurposed content, asset brief) CaseyOS keeps for the user to edit. */
@Entity('draft_assets')
@Index('idx_draft_assets_execution', ['executionId'])
@Index('idx_draft_assets_created', ['createdAt', 'id'])
export class DraftAsset {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ name: 'execution_id', type: 'uuid' })
  executionId!: string;

  @ManyToOne(() => Execution, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'execution_id', foreignKeyConstraintName: 'FK_draft_assets_execution' })
  execution?: Execution;

  @Column({ name: 'action_type', type: 'text' })
  actionType!: ActionType;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'max_length', type: 'int', nullable: true })
  maxLength!: number | null;

  /** A social post's text per channel, each within its channel's limit; null when the asset has none. */
  @Column({ type: 'jsonb', nullable: true })
  variants!: ChannelVariantView[] | null;

  /** When the operator marked it published; null while it is a draft. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Where it was published, when the operator said. */
  @Column({ name: 'published_url', type: 'text', nullable: true })
  publishedUrl!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
