import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Domain, VoiceProfile, VoiceProfileInput, VoiceProfileUpdate } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Subscription, filter } from 'rxjs';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { EventBus } from '../../platform/events/event-bus.service';
import { ProblemException } from '../../platform/http/problem-details.filter';
import { validationFailed } from '../../platform/http/validation';
import { VoiceProfileRecord } from '../entities/voice-profile.entity';
import { DEFAULT_VOICE, type Voice } from '../templates/draft-context';
import { containsPhrase } from '../templates/voice';
import { sampleDraftErrors } from './sample-draft';

export interface Author {
  actor: string;
  requestId?: string;
}

/** The voice a draft is written in, and which profile it came from. */
export interface ChosenVoice {
  voice: Voice;
  profile: VoiceProfile | null;
}

const UNIQUE: Record<string, (input: { name?: string; domain?: Domain | null }) => string> = {
  uq_voice_profiles_name: (input) => `A voice profile named ${JSON.stringify(input.name)} exists already.`,
  uq_voice_profiles_domain: (input) => `Another voice profile is the ${input.domain ?? ''} profile already; clear its domain first.`,
  uq_voice_profiles_default: () => 'Another request changed the default voice profile at the same time; try again.',
};

/** Published on every write, so each process (api replica or worker: the bus listens in every role) drops its cached profiles. */
export const VOICE_PROFILES_CHANGED = 'voice_profiles.changed';
/** A backstop for a process that missed the event (its bus connection was down when it went out). */
const CACHE_TTL_MS = 10_000;
/** Serialises switches of the default: a second switch waits, then sees the first one's default and unsets it. */
const DEFAULT_SWITCH_LOCK = "hashtext('voice_profiles.default_switch')";

/** Placeholders a greeting may hold; anything else in braces would reach the draft unfilled. */
const GREETING_PLACEHOLDER = /\{(?!first_name\}|name\})[^}]*\}|\{\{|\}\}/;

export function toVoiceProfile(record: VoiceProfileRecord): VoiceProfile {
  return {
    id: record.id,
    name: record.name,
    tone_notes: record.toneNotes,
    greeting: record.greeting,
    sign_off: record.signOff,
    length: record.length,
    phrases_to_use: record.phrasesToUse,
    phrases_to_avoid: record.phrasesToAvoid,
    example_messages: record.exampleMessages,
    is_default: record.isDefault,
    domain: record.domain,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
  };
}

function voiceOfRecord(record: VoiceProfileRecord): Voice {
  return {
    greeting: record.greeting,
    signOff: record.signOff,
    length: record.length,
    phrasesToUse: record.phrasesToUse,
    phrasesToAvoid: record.phrasesToAvoid,
  };
}

export function voiceOfProfile(profile: VoiceProfile | null): Voice {
  if (!profile) return DEFAULT_VOICE;
  return {
    greeting: profile.greeting,
    signOff: profile.sign_off,
    length: profile.length,
    phrasesToUse: profile.phrases_to_use,
    phrasesToAvoid: profile.phrases_to_avoid,
  };
}

/**
 * Voice profiles: exactly one default (a partial unique index, and a switch that unsets the old
 * default in the same transaction), at most one per domain. Every change is audited with what
 * changed, in the transaction that makes it.
 */
@Injectable()
export class VoiceProfilesService implements OnModuleInit, OnModuleDestroy {
  /** The profiles drafts can use (those with a domain, and the default): a handful, read on every draft. */
  private cached: { profiles: VoiceProfile[]; until: number } | null = null;
  /** Bumped on every drop, so a read that started before a write cannot cache what it read. */
  private generation = 0;
  private subscription?: Subscription;

  constructor(
    @InjectRepository(VoiceProfileRecord) private readonly records: Repository<VoiceProfileRecord>,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.events.pipe(filter((event) => event.type === VOICE_PROFILES_CHANGED)).subscribe(() => this.dropCached());
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Forgets the cached profiles; the next draft reads them again. */
  dropCached(): void {
    this.cached = null;
    this.generation += 1;
  }

  async list(): Promise<VoiceProfile[]> {
    const rows = await this.records.find({ order: { isDefault: 'DESC', name: 'ASC' } });
    return rows.map(toVoiceProfile);
  }

  async get(id: string): Promise<VoiceProfile> {
    return toVoiceProfile(await this.find(this.records.manager, id));
  }

  /** The profile of the move's domain, else the default; with none stored (deleted by hand), today's wording. */
  async forDomain(domain: Domain): Promise<ChosenVoice> {
    const profiles = await this.draftingProfiles();
    const profile = profiles.find((candidate) => candidate.domain === domain) ?? profiles.find((candidate) => candidate.is_default) ?? null;
    return { voice: voiceOfProfile(profile), profile };
  }

  /** At most four rows (one per domain, and the default), cached until a write anywhere or the TTL. */
  private async draftingProfiles(): Promise<VoiceProfile[]> {
    const now = performance.now();
    if (this.cached && this.cached.until > now) return this.cached.profiles;
    const generation = this.generation;
    const rows = await this.records.find({ where: [{ domain: Not(IsNull()) }, { isDefault: true }] });
    const profiles = rows.map(toVoiceProfile);
    if (generation === this.generation) this.cached = { profiles, until: now + CACHE_TTL_MS };
    return profiles;
  }

  async create(input: VoiceProfileInput, by: Author): Promise<VoiceProfile> {
    const now = this.clock.now();
    const record: VoiceProfileRecord = {
      id: randomUUID(),
      name: input.name.trim(),
      toneNotes: input.tone_notes ?? '',
      greeting: input.greeting ?? DEFAULT_VOICE.greeting,
      signOff: input.sign_off ?? DEFAULT_VOICE.signOff,
      length: input.length ?? DEFAULT_VOICE.length,
      phrasesToUse: input.phrases_to_use ?? [],
      phrasesToAvoid: input.phrases_to_avoid ?? [],
      exampleMessages: input.example_messages ?? [],
      isDefault: false,
      domain: input.domain ?? null,
      createdAt: now,
      updatedAt: now,
    };
    assertCoherent(record, now);
    return this.write(input, async (manager) => {
      await manager.insert(VoiceProfileRecord, record);
      if (input.is_default === true) await this.makeDefault(manager, record.id);
      await this.audit.recordWithin(manager, [this.entry(by, 'voice_profile.created', record.id, { name: record.name, fields: Object.keys(input) })]);
      return record.id;
    });
  }

  async update(id: string, input: VoiceProfileUpdate, by: Author): Promise<VoiceProfile> {
    return this.write(input, async (manager) => {
      const current = await this.find(manager, id, true);
      if (input.is_default === false && current.isDefault) {
        throw new ProblemException(409, 'conflict', 'This is the default voice profile: make another profile the default instead.');
      }
      const next: VoiceProfileRecord = {
        ...current,
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.tone_notes !== undefined ? { toneNotes: input.tone_notes } : {}),
        ...(input.greeting !== undefined ? { greeting: input.greeting } : {}),
        ...(input.sign_off !== undefined ? { signOff: input.sign_off } : {}),
        ...(input.length !== undefined ? { length: input.length } : {}),
        ...(input.phrases_to_use !== undefined ? { phrasesToUse: input.phrases_to_use } : {}),
        ...(input.phrases_to_avoid !== undefined ? { phrasesToAvoid: input.phrases_to_avoid } : {}),
        ...(input.example_messages !== undefined ? { exampleMessages: input.example_messages } : {}),
        ...(input.domain !== undefined ? { domain: input.domain } : {}),
        updatedAt: this.clock.now(),
      };
      assertCoherent(next, next.updatedAt);
      const { id: _id, isDefault: _default, createdAt: _created, ...changes } = next;
      await manager.update(VoiceProfileRecord, { id }, changes);
      if (input.is_default === true && !current.isDefault) await this.makeDefault(manager, id);
      await this.audit.recordWithin(manager, [this.entry(by, 'voice_profile.updated', id, { name: next.name, fields: Object.keys(input) })]);
      return id;
    });
  }

  /** Deletes a profile; the default cannot go (drafts need one), so another must become the default first. */
  async remove(id: string, by: Author): Promise<void> {
    await this.records.manager.transaction(async (manager) => {
      const current = await this.find(manager, id, true);
      if (current.isDefault) {
        throw new ProblemException(
          409,
          'conflict',
          'The default voice profile cannot be deleted: every draft needs one. Make another profile the default first.',
        );
      }
      await manager.delete(VoiceProfileRecord, { id });
      await this.audit.recordWithin(manager, [this.entry(by, 'voice_profile.deleted', id, { name: current.name })]);
    });
    await this.changed();
  }

  /** The old default stops being one in the same transaction; a concurrent switch waits on the lock and then sees ours. */
  private async makeDefault(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(${DEFAULT_SWITCH_LOCK})`);
    await manager.query(`UPDATE voice_profiles SET is_default = false WHERE is_default AND id <> $1`, [id]);
    await manager.query(`UPDATE voice_profiles SET is_default = true WHERE id = $1`, [id]);
  }

  private async write(input: { name?: string; domain?: Domain | null }, work: (manager: EntityManager) => Promise<string>): Promise<VoiceProfile> {
    try {
      const id = await this.records.manager.transaction(work);
      await this.changed();
      return await this.get(id);
    } catch (error) {
      const { code, constraint, driverError } = (error ?? {}) as { code?: string; constraint?: string; driverError?: { constraint?: string } };
      const conflict = code === '23505' ? UNIQUE[constraint ?? driverError?.constraint ?? ''] : undefined;
      if (conflict) throw new ProblemException(409, 'conflict', conflict(input));
      throw error;
    }
  }

  /** This replica forgets its cached profiles at once, the others when the event reaches them. */
  private async changed(): Promise<void> {
    this.dropCached();
    await this.bus.publish(VOICE_PROFILES_CHANGED, {});
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<VoiceProfileRecord> {
    const query = manager.createQueryBuilder(VoiceProfileRecord, 'p').where('p.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const record = await query.getOne();
    if (!record) throw new ProblemException(404, 'not-found', 'No such voice profile.');
    return record;
  }

  private entry(by: Author, action: string, id: string, detail: Record<string, unknown>) {
    return { actor: by.actor, action, subject: `voice_profile:${id}`, requestId: by.requestId ?? null, detail, result: 'success' as const };
  }
}

/**
 * A profile must not contradict itself: its greeting and sign-off may not hold a phrase it avoids,
 * nor unknown placeholders; and the draft it writes for the sample move must pass the checks.
 */
function assertCoherent(record: VoiceProfileRecord, now: Date): void {
  const errors: { field: string; messages: string[] }[] = [];
  if (GREETING_PLACEHOLDER.test(record.greeting))
    errors.push({ field: 'greeting', messages: ['greeting may hold only the placeholders {first_name} and {name}'] });
  if (/[{}]/.test(record.signOff)) errors.push({ field: 'sign_off', messages: ['sign_off may not hold placeholders'] });
  for (const [field, text] of [
    ['greeting', record.greeting],
    ['sign_off', record.signOff],
  ] as const) {
    const avoided = record.phrasesToAvoid.find((phrase) => containsPhrase(text, phrase));
    if (avoided) errors.push({ field, messages: [`${field} holds "${avoided}", a phrase this profile avoids`] });
  }
  const both = record.phrasesToUse.find((phrase) => record.phrasesToAvoid.some((avoided) => containsPhrase(phrase, avoided)));
  if (both) errors.push({ field: 'phrases_to_use', messages: [`"${both}" is also a phrase to avoid`] });
  if (errors.length === 0) errors.push(...sampleDraftErrors(voiceOfRecord(record), now));
  if (errors.length > 0) throw validationFailed(errors);
}
