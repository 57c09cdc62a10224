import { MigrationInterface, QueryRunner } from 'typeorm';

/** Last seen stage per HubSpot deal, for the deal poller. */
export class HubSpotDealSnapshots1764200000000 implements MigrationInterface {
  name = 'HubSpotDealSnapshots1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "hubspot_deal_snapshots" (
        "deal_id" text NOT NULL,
        "stage_id" text,
        "modified_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_hubspot_deal_snapshots" PRIMARY KEY ("deal_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hubspot_deal_snapshots"`);
  }
}
