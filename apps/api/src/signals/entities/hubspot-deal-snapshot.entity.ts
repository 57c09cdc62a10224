import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last stage we saw for each HubSpot deal, so a poll can tell new, advanced and slipped deals apart. */
@Entity('hubspot_deal_snapshots')
export class HubSpotDealSnapshot {
  @PrimaryColumn({ name: 'deal_id', type: 'text' })
  dealId!: string;

  @Column({ name: 'stage_id', type: 'text', nullable: true })
  stageId!: string | null;

  @Column({ name: 'modified_at', type: 'timestamptz' })
  modifiedAt!: Date;
}
