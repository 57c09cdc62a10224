import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where the detect_outcomes sweeps stand, and the lookup of a deal's moves that deal outcomes are attributed through. */
export class OutcomeDetection1764290000000 implements MigrationInterface {
  name = 'OutcomeDetection1764290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outcome_detection_cursors" (
        "name" text NOT NULL,
        "position_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "position_id" uuid NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_outcome_detection_cursors" PRIMARY KEY ("name")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_command_queue_items_deal" ON "command_queue_items" ("deal_id", "created_at") WHERE "deal_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_command_queue_items_deal"`);
    await queryRunner.query(`DROP TABLE "outcome_detection_cursors"`);
  }
}
