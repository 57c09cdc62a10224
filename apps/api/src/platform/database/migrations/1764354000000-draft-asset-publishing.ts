import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A draft asset is published when the operator says so (which records `content_published`): when,
 * and where it went. The Assets page lists by channel and by published or not, newest first.
 */
export class DraftAssetPublishing1764354000000 implements MigrationInterface {
  name = 'DraftAssetPublishing1764354000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "draft_assets" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "draft_assets" ADD "published_url" text`);
    await queryRunner.query(`CREATE INDEX "idx_draft_assets_created" ON "draft_assets" ("created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_draft_assets_created"`);
    await queryRunner.query(`ALTER TABLE "draft_assets" DROP COLUMN "published_url"`);
    await queryRunner.query(`ALTER TABLE "draft_assets" DROP COLUMN "published_at"`);
  }
}
