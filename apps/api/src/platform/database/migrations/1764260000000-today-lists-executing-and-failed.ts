import { MigrationInterface, QueryRunner } from 'typeorm';

const TODAY = `('pending', 'accepted', 'executing', 'failed')`;
const BEFORE = `('pending', 'accepted')`;

/** Today lists moves being executed and moves whose execution failed; the ranking indexes follow. */
export class TodayListsExecutingAndFailed1764260000000 implements MigrationInterface {
  name = 'TodayListsExecutingAndFailed1764260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.rankingIndexes(queryRunner, TODAY);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.rankingIndexes(queryRunner, BEFORE);
  }

  private async rankingIndexes(queryRunner: QueryRunner, statuses: string): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_command_queue_items_today"`);
    await queryRunner.query(`DROP INDEX "idx_command_queue_items_today_domain"`);
    await queryRunner.query(
      `CREATE INDEX "idx_command_queue_items_today" ON "command_queue_items" ("aps" DESC, "due_at" ASC NULLS LAST, "created_at", "id") WHERE "status" IN ${statuses}`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_command_queue_items_today_domain" ON "command_queue_items" ("domain", "aps" DESC, "due_at" ASC NULLS LAST, "created_at", "id") WHERE "status" IN ${statuses}`,
    );
  }
}
