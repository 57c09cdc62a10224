import { MigrationInterface, QueryRunner } from 'typeorm';

/** An account's moves by company, newest first: the CS risk reads their executions and outcomes. */
export class AccountMovesIndex1764310000000 implements MigrationInterface {
  name = 'AccountMovesIndex1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_command_queue_items_company" ON "command_queue_items" ("company", "created_at") WHERE "company" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_command_queue_items_company"`);
  }
}
