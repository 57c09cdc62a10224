import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log pages newest first by (at, id) under the Admin page's filters: each filter is an
 * index leading with it and then that order, so a page reads its rows in order and stops, however
 * far back a time window lies. A subject kind is a prefix (`command_queue_item:`), hence
 * text_pattern_ops. Replaces the (actor, id) and (action, id) indexes of the id order.
 */
export class AuditLogFilters1764352000000 implements MigrationInterface {
  name = 'AuditLogFilters1764352000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_audit_log_actor_id"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_action_id"`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_at_id" ON "audit_log" ("at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_actor_at" ON "audit_log" ("actor", "at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_action_at" ON "audit_log" ("action", "at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_subject_at" ON "audit_log" ("subject" text_pattern_ops, "at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_audit_log_subject_at"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_action_at"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_actor_at"`);
    await queryRunner.query(`DROP INDEX "idx_audit_log_at_id"`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_action_id" ON "audit_log" ("action", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_actor_id" ON "audit_log" ("actor", "id")`);
  }
}
