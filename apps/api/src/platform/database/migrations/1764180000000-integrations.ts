import { MigrationInterface, QueryRunner } from 'typeorm';

/** Connected accounts with sealed tokens and sync cursors. */
export class Integrations1764180000000 implements MigrationInterface {
  name = 'Integrations1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "integrations" (
        "provider" text NOT NULL,
        "mode" text NOT NULL,
        "status" text NOT NULL,
        "account" text,
        "scopes" jsonb NOT NULL DEFAULT '[]',
        "access_token_sealed" text,
        "refresh_token_sealed" text,
        "token_expires_at" TIMESTAMP WITH TIME ZONE,
        "sync_cursors" jsonb NOT NULL DEFAULT '{}',
        "connected_at" TIMESTAMP WITH TIME ZONE,
        "last_sync_at" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "last_error_at" TIMESTAMP WITH TIME ZONE,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_integrations" PRIMARY KEY ("provider")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "integrations"`);
  }
}
