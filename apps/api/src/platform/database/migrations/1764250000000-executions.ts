import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Execution: the record of every execute and dry run, the emergency stop (one row, so it
 * survives restarts) and the marketing draft assets executions create.
 */
export class Executions1764250000000 implements MigrationInterface {
  name = 'Executions1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "executions" (
        "id" uuid NOT NULL,
        "item_id" uuid NOT NULL,
        "domain" text NOT NULL,
        "action_type" text NOT NULL,
        "title" text NOT NULL,
        "contact_email" text,
        "status" text NOT NULL,
        "dry_run" boolean NOT NULL,
        "idempotency_key" text,
        "idempotency_expires_at" TIMESTAMP WITH TIME ZONE,
        "request_hash" text NOT NULL,
        "plan" jsonb,
        "result" jsonb,
        "error" jsonb,
        "attempts" integer NOT NULL DEFAULT 0,
        "actor" text NOT NULL,
        "request_id" text,
        "run_at" TIMESTAMP WITH TIME ZONE,
        "response_status" integer,
        "response_body" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "rolled_back_at" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_executions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_executions_item" FOREIGN KEY ("item_id") REFERENCES "command_queue_items" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "idx_executions_item_status" ON "executions" ("item_id", "status")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_executions_idempotency_key" ON "executions" ("idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_executions_item_active" ON "executions" ("item_id") WHERE "status" IN ('queued', 'running') AND NOT "dry_run"`,
    );
    await queryRunner.query(`CREATE INDEX "idx_executions_action_started" ON "executions" ("action_type", "started_at") WHERE NOT "dry_run"`);
    await queryRunner.query(`CREATE INDEX "idx_executions_contact_started" ON "executions" ("contact_email", "started_at") WHERE NOT "dry_run"`);
    await queryRunner.query(`CREATE INDEX "idx_executions_created" ON "executions" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_executions_status_run_at" ON "executions" ("status", "run_at")`);

    await queryRunner.query(`
      CREATE TABLE "execution_emergency_stop" (
        "id" smallint NOT NULL,
        "active" boolean NOT NULL DEFAULT false,
        "reason" text,
        "changed_by" text,
        "changed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_execution_emergency_stop_single" CHECK ("id" = 1),
        CONSTRAINT "PK_execution_emergency_stop" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`INSERT INTO "execution_emergency_stop" ("id", "active") VALUES (1, false)`);

    await queryRunner.query(`
      CREATE TABLE "draft_assets" (
        "id" uuid NOT NULL,
        "item_id" uuid NOT NULL,
        "execution_id" uuid NOT NULL,
        "action_type" text NOT NULL,
        "channel" text NOT NULL,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "max_length" integer,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_draft_assets" PRIMARY KEY ("id"),
        CONSTRAINT "FK_draft_assets_execution" FOREIGN KEY ("execution_id") REFERENCES "executions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "idx_draft_assets_execution" ON "draft_assets" ("execution_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "draft_assets"`);
    await queryRunner.query(`DROP TABLE "execution_emergency_stop"`);
    await queryRunner.query(`DROP TABLE "executions"`);
  }
}
