import { MigrationInterface, QueryRunner } from 'typeorm';

/** Last seen status per Calendar event, for the calendar poller. */
export class CalendarEventSnapshots1764210000000 implements MigrationInterface {
  name = 'CalendarEventSnapshots1764210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "calendar_event_snapshots" (
        "event_id" text NOT NULL,
        "status" text NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_calendar_event_snapshots" PRIMARY KEY ("event_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_event_snapshots"`);
  }
}
