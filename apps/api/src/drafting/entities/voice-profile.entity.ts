import { DOMAINS, type Domain, LENGTH_PREFERENCES, type LengthPreference } from '@caseyos/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

const listed = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** How the founder writes; one is the default, at most one per domain (partial unique indexes). */
@Entity('voice_profiles')
@Check('chk_voice_profiles_length', `"length" IN (${listed(LENGTH_PREFERENCES)})`)
@Check('chk_voice_profiles_domain', `"domain" IN (${listed(DOMAINS)})`)
@Index('uq_voice_profiles_name', ['name'], { unique: true })
@Index('uq_voice_profiles_default', ['isDefault'], { unique: true, where: '"is_default"' })
@Index('uq_voice_profiles_domain', ['domain'], { unique: true, where: '"domain" IS NOT NULL' })
export class VoiceProfileRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'tone_notes', type: 'text', default: '' })
  toneNotes!: string;

  @Column({ type: 'text' })
  greeting!: string;

  @Column({ name: 'sign_off', type: 'text' })
  signOff!: string;

  @Column({ type: 'text', default: 'medium' })
  length!: LengthPreference;

  @Column({ name: 'phrases_to_use', type: 'text', array: true, default: () => "'{}'" })
  phrasesToUse!: string[];

  @Column({ name: 'phrases_to_avoid', type: 'text', array: true, default: () => "'{}'" })
  phrasesToAvoid!: string[];

  @Column({ name: 'example_messages', type: 'text', array: true, default: () => "'{}'" })
  exampleMessages!: string[];

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault!: boolean;

  @Column({ type: 'text', nullable: true })
  domain!: Domain | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
