import { MigrationInterface, QueryRunner } from 'typeorm';

/** A social post's text per channel (`[{channel, body, max_length}]`), as written or edited; null for assets without variants. */
export class DraftAssetVariants1764356000000 implements MigrationInterface {
  name = 'DraftAssetVariants1764356000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "draft_assets" ADD "variants" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "draft_assets" DROP COLUMN "variants"`);
  }
}
