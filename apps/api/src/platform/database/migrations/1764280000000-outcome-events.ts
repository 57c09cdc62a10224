import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes: what happened after a move (replies, meetings, deals), recorded once per piece of
 * evidence; and a lookup of a contact's moves for the contact timeline.
 */
export class OutcomeEvents1764280000000 implements MigrationInterface {
  name = 'OutcomeEvents1764280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outcome_events" (
        "id" uuid NOT NULL,
        "item_id" uuid NOT NULL,
        "execution_id" uuid,
        "outcome_type" text NOT NULL,
        "contact_email" text,
        "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "source" text NOT NULL,
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "evidence_key" text NOT NULL,
        "actor" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_outcome_events" PRIMARY KEY ("id"),
        CONSTRAINT "chk_outcome_events_type" CHECK ("outcome_type" IN (
          'reply_received', 'positive_reply', 'negative_reply', 'auto_reply', 'bounced', 'unsubscribed',
          'no_response', 'meeting_booked', 'meeting_held', 'meeting_no_show', 'meeting_cancelled',
          'deal_created', 'deal_advanced', 'deal_regressed', 'deal_won', 'deal_lost',
          'task_completed', 'content_published')),
        CONSTRAINT "FK_outcome_events_item" FOREIGN KEY ("item_id") REFERENCES "command_queue_items" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "FK_outcome_events_execution" FOREIGN KEY ("execution_id") REFERENCES "executions" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outcome_events_execution_evidence" ON "outcome_events" ("execution_id", "outcome_type", "evidence_key") WHERE "execution_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outcome_events_item_evidence" ON "outcome_events" ("item_id", "outcome_type", "evidence_key") WHERE "execution_id" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_outcome_events_item_detected" ON "outcome_events" ("item_id", "detected_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "idx_outcome_events_detected" ON "outcome_events" ("detected_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_outcome_events_contact_detected" ON "outcome_events" ("contact_email", "detected_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_outcome_events_type_detected" ON "outcome_events" ("outcome_type", "detected_at", "id")`);
    // Moves keep the contact's address as it came; the timeline looks it up case-insensitively.
    await queryRunner.query(`CREATE INDEX "idx_command_queue_items_contact" ON "command_queue_items" (lower("contact_email"), "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_command_queue_items_contact"`);
    await queryRunner.query(`DROP TABLE "outcome_events"`);
  }
}
