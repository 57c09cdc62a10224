import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lookups the pollers make on every run, which must not scan a growing table: stored Gmail
 * messages and raised renewals by external id, earlier signals of a contact (calendar poller,
 * and the listing's contact filter).
 */
export class SignalLookupIndexes1764240000000 implements MigrationInterface {
  name = 'SignalLookupIndexes1764240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_signals_source_external" ON "signals" ("source", "external_id")`);
    await queryRunner.query(`CREATE INDEX "idx_signals_contact_received" ON "signals" ("contact_email", "received_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_signals_contact_received"`);
    await queryRunner.query(`DROP INDEX "idx_signals_source_external"`);
  }
}
