import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last status we saw for each Calendar event, so a poll can tell a new booking and a cancellation from an edit. */
@Entity('calendar_event_snapshots')
export class CalendarEventSnapshot {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  /** confirmed, tentative or cancelled. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
