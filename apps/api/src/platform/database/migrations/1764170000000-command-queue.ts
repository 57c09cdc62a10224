import { MigrationInterface, QueryRunner } from 'typeorm';

/** The command queue, its ranking indexes, and account facts for the CS risk score. */
export class CommandQueue1764170000000 implements MigrationInterface {
  name = 'CommandQueue1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "command_queue_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "domain" text NOT NULL,
        "action_type" text NOT NULL,
        "title" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "aps" double precision NOT NULL,
        "aps_breakdown" jsonb NOT NULL,
        "reasons" jsonb NOT NULL DEFAULT '[]',
        "score_inputs" jsonb NOT NULL DEFAULT '{}',
        "contact_email" text,
        "contact_name" text,
        "company" text,
        "deal_id" text,
        "deal_amount" double precision,
        "signal_id" uuid,
        "action_params" jsonb NOT NULL DEFAULT '{}',
        "due_at" TIMESTAMP WITH TIME ZONE,
        "snoozed_until" TIMESTAMP WITH TIME ZONE,
        "dismiss_reason" text,
        "origin_key" text,
        "version" integer NOT NULL DEFAULT 1,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_command_queue_items" PRIMARY KEY ("id"),
        CONSTRAINT "chk_command_queue_items_aps" CHECK ("aps" >= 0 AND "aps" <= 1)
      )`);
    await queryRunner.query(`CREATE INDEX "idx_command_queue_items_status_domain_aps" ON "command_queue_items" ("status", "domain", "aps" DESC)`);
    // Today's ranking reads the top N of the open moves straight off these indexes.
    await queryRunner.query(
      `CREATE INDEX "idx_command_queue_items_today" ON "command_queue_items" ("aps" DESC, "due_at" ASC NULLS LAST, "created_at", "id") WHERE "status" IN ('pending', 'accepted')`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_command_queue_items_today_domain" ON "command_queue_items" ("domain", "aps" DESC, "due_at" ASC NULLS LAST, "created_at", "id") WHERE "status" IN ('pending', 'accepted')`,
    );
    await queryRunner.query(`CREATE INDEX "idx_command_queue_items_status_changed" ON "command_queue_items" ("status", "status_changed_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_command_queue_items_origin_key" ON "command_queue_items" ("origin_key") WHERE "origin_key" IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE "accounts" (
        "company" text NOT NULL,
        "lifecycle" text NOT NULL DEFAULT 'prospect',
        "arr_usd" double precision,
        "renewal_at" TIMESTAMP WITH TIME ZONE,
        "last_touch_at" TIMESTAMP WITH TIME ZONE,
        "negative_replies_90d" integer NOT NULL DEFAULT 0,
        "deal_regressions_90d" integer NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_accounts" PRIMARY KEY ("company")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "accounts"`);
    await queryRunner.query(`DROP TABLE "command_queue_items"`);
  }
}
