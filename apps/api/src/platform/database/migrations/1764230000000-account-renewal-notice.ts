import { MigrationInterface, QueryRunner } from 'typeorm';

/** Remembers which renewal date a renewal_approaching signal was raised for. */
export class AccountRenewalNotice1764230000000 implements MigrationInterface {
  name = 'AccountRenewalNotice1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" ADD "renewal_noticed_for" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "renewal_noticed_for"`);
  }
}
