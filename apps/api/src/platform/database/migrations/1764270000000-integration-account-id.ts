import { MigrationInterface, QueryRunner } from 'typeorm';

/** The provider's id of a connected account (HubSpot's hub id), for links into its app. */
export class IntegrationAccountId1764270000000 implements MigrationInterface {
  name = 'IntegrationAccountId1764270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrations" ADD COLUMN "account_id" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "integrations" DROP COLUMN "account_id"`);
  }
}
