import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed ticks in a row per scheduled job: the alert on a poller that keeps failing reads it. */
export class JobBeatFailureStreaks1764340000000 implements MigrationInterface {
  name = 'JobBeatFailureStreaks1764340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_beats" ADD "consecutive_failures" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_beats" DROP COLUMN "consecutive_failures"`);
  }
}
