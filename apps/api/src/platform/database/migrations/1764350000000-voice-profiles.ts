import { MigrationInterface, QueryRunner } from 'typeorm';

/** The id of the profile seeded here: a fresh install drafts with today's wording. */
export const SEEDED_VOICE_PROFILE_ID = '00000000-0000-4000-8000-00000000d1af';

/** Voice profiles (drafting): exactly one default, at most one per domain. */
export class VoiceProfiles1764350000000 implements MigrationInterface {
  name = 'VoiceProfiles1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "voice_profiles" (
        "id" uuid NOT NULL,
        "name" text NOT NULL,
        "tone_notes" text NOT NULL DEFAULT '',
        "greeting" text NOT NULL,
        "sign_off" text NOT NULL,
        "length" text NOT NULL DEFAULT 'medium',
        "phrases_to_use" text[] NOT NULL DEFAULT '{}',
        "phrases_to_avoid" text[] NOT NULL DEFAULT '{}',
        "example_messages" text[] NOT NULL DEFAULT '{}',
        "is_default" boolean NOT NULL DEFAULT false,
        "domain" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_voice_profiles" PRIMARY KEY ("id"),
        CONSTRAINT "chk_voice_profiles_length" CHECK ("length" IN ('short', 'medium', 'long')),
        CONSTRAINT "chk_voice_profiles_domain" CHECK ("domain" IN ('sales', 'marketing', 'cs'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_voice_profiles_name" ON "voice_profiles" ("name")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_voice_profiles_default" ON "voice_profiles" ("is_default") WHERE "is_default"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_voice_profiles_domain" ON "voice_profiles" ("domain") WHERE "domain" IS NOT NULL`);
    await queryRunner.query(
      `INSERT INTO "voice_profiles" ("id", "name", "greeting", "sign_off", "length", "is_default", "created_at", "updated_at")
       VALUES ($1, 'Default', 'Hi {first_name},', 'Best,', 'medium', true, now(), now())`,
      [SEEDED_VOICE_PROFILE_ID],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "voice_profiles"`);
  }
}
