import { MigrationInterface, QueryRunner } from 'typeorm';

/** Signals: every source, stored once (dedupe by payload hash within a window). */
export class Signals1764190000000 implements MigrationInterface {
  name = 'Signals1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "signals" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "source" text NOT NULL,
        "kind" text NOT NULL,
        "contact_email" text,
        "company" text,
        "external_id" text,
        "payload" jsonb NOT NULL,
        "payload_hash" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE,
        "item_id" uuid,
        "rule" text,
        "classification" jsonb,
        CONSTRAINT "PK_signals" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_signals_source_processed" ON "signals" ("source", "processed_at")`);
    await queryRunner.query(`CREATE INDEX "idx_signals_received" ON "signals" ("received_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_signals_payload_hash" ON "signals" ("payload_hash", "received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "signals"`);
  }
}
