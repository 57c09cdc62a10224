import { MigrationInterface, QueryRunner } from 'typeorm';

/** Platform tables: audit log, dashboard sessions, scheduled-job beats. */
export class PlatformFoundation1764160000000 implements MigrationInterface {
  name = 'PlatformFoundation1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_log" (
        "id" BIGSERIAL NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor" text NOT NULL,
        "action" text NOT NULL,
        "subject" text NOT NULL,
        "request_id" text,
        "detail" jsonb,
        "result" text NOT NULL,
        "status_code" integer,
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_actor_id" ON "audit_log" ("actor", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_action_id" ON "audit_log" ("action", "id")`);

    await queryRunner.query(`
      CREATE TABLE "operator_sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" text NOT NULL,
        "csrf_token" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_operator_sessions" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_operator_sessions_token_hash" ON "operator_sessions" ("token_hash")`);

    await queryRunner.query(`
      CREATE TABLE "job_beats" (
        "name" text NOT NULL,
        "every_ms" integer NOT NULL,
        "last_run_at" TIMESTAMP WITH TIME ZONE,
        "last_success_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "last_error_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_job_beats" PRIMARY KEY ("name")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_beats"`);
    await queryRunner.query(`DROP INDEX "uq_operator_sessions_token_hash"`);
    await queryRunner.query(`DROP TABLE "operator_sessions"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_action_id"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_actor_id"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
