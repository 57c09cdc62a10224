import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dedupe by claim row instead of advisory lock + lookup: the claim is part of the single
 * statement that stores a signal. A claim goes with its signal (deleting a signal frees its
 * payload). Signals still inside the window are claimed on the way in.
 */
export class SignalDedupeKeys1764220000000 implements MigrationInterface {
  name = 'SignalDedupeKeys1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "signal_dedupe_keys" (
        "payload_hash" text NOT NULL,
        "signal_id" uuid NOT NULL,
        "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_signal_dedupe_keys" PRIMARY KEY ("payload_hash"),
        CONSTRAINT "FK_signal_dedupe_keys_signal" FOREIGN KEY ("signal_id") REFERENCES "signals" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      INSERT INTO "signal_dedupe_keys" ("payload_hash", "signal_id", "claimed_at")
      SELECT DISTINCT ON ("payload_hash") "payload_hash", "id", "received_at"
        FROM "signals"
       WHERE "received_at" > now() - interval '5 minutes'
       ORDER BY "payload_hash", "received_at" DESC`);
    await queryRunner.query(`DROP INDEX "idx_signals_payload_hash"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_signals_payload_hash" ON "signals" ("payload_hash", "received_at")`);
    await queryRunner.query(`DROP TABLE "signal_dedupe_keys"`);
  }
}
