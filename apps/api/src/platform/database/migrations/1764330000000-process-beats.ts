import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each api and worker process's heartbeat, listed by /health/beat. */
export class ProcessBeats1764330000000 implements MigrationInterface {
  name = 'ProcessBeats1764330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "process_beats" (
        "id" text NOT NULL,
        "role" text NOT NULL,
        "version" text NOT NULL,
        "every_ms" integer NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_beat_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_process_beats" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "process_beats"`);
  }
}
