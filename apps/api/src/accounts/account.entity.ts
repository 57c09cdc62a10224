import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What CaseyOS knows about a company's relationship health; feeds the CS risk score. */
@Entity('accounts')
export class Account {
  @PrimaryColumn({ type: 'text' })
  company!: string;

  @Column({ type: 'text', default: 'prospect' })
  lifecycle!: 'prospect' | 'customer' | 'churned';

  @Column({ name: 'arr_usd', type: 'double precision', nullable: true })
  arrUsd!: number | null;

  @Column({ name: 'renewal_at', type: 'timestamptz', nullable: true })
  renewalAt!: Date | null;

  /** The renewal date a renewal_approaching signal was raised for, so it is raised once. */
  @Column({ name: 'renewal_noticed_for', type: 'timestamptz', nullable: true })
  renewalNoticedFor!: Date | null;

  @Column({ name: 'last_touch_at', type: 'timestamptz', nullable: true })
  lastTouchAt!: Date | null;

  @Column({ name: 'negative_replies_90d', type: 'int', default: 0 })
  negativeReplies90d!: number;

  @Column({ name: 'deal_regressions_90d', type: 'int', default: 0 })
  dealRegressions90d!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
