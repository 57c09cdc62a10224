import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import type { ProcessBeatView } from '@caseyos/contracts';
import { LessThan, Repository } from 'typeorm';
import { CLOCK, Clock, HOUR_MS } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { ProcessBeat } from './process-beat.entity';
import { newProcessId, runningVersion } from './process-identity';

/** How often each process writes its heartbeat. */
export const PROCESS_BEAT_EVERY_MS = 10_000;
/** A process is stale once it has missed this many beats. */
const STALE_AFTER_BEATS = 3;
/** Rows of processes gone this long are deleted, so restarts do not pile up. */
const FORGET_AFTER_MS = HOUR_MS;

/**
 * Per-process work (each process reports itself), so it runs on @nestjs/schedule in every process
 * rather than as a BullMQ job, which would run once for the whole cluster.
 */
@Injectable()
export class ProcessBeatsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ProcessBeats');
  private readonly id = newProcessId();
  private readonly version: string;
  private startedAt!: Date;

  constructor(
    @InjectRepository(ProcessBeat) private readonly beats: Repository<ProcessBeat>,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.version = runningVersion(config.GIT_COMMIT);
  }

  /** Listed from the start, not one interval later. */
  async onApplicationBootstrap(): Promise<void> {
    this.startedAt = this.clock.now();
    await this.beat();
  }

  @Interval(PROCESS_BEAT_EVERY_MS)
  async beat(): Promise<void> {
    const now = this.clock.now();
    try {
      await this.beats.upsert(
        { id: this.id, role: this.config.ROLE, version: this.version, everyMs: PROCESS_BEAT_EVERY_MS, startedAt: this.startedAt, lastBeatAt: now },
        ['id'],
      );
      await this.beats.delete({ lastBeatAt: LessThan(new Date(now.getTime() - FORGET_AFTER_MS)) });
    } catch (error) {
      // Postgres away: /ready says so; the next beat tries again.
      this.logger.warn({ event: 'process_beat_failed', error: (error as Error).message });
    }
  }

  /** Every process that beat within the last hour, live ones first, newest beat first. */
  async list(): Promise<ProcessBeatView[]> {
    const now = this.clock.now().getTime();
    const rows = await this.beats.find({ order: { lastBeatAt: 'DESC' } });
    return rows
      .map((row) => ({
        id: row.id,
        role: row.role as ProcessBeatView['role'],
        version: row.version,
        started_at: row.startedAt.toISOString(),
        last_beat_at: row.lastBeatAt.toISOString(),
        status: now - row.lastBeatAt.getTime() > row.everyMs * STALE_AFTER_BEATS ? ('stale' as const) : ('live' as const),
      }))
      .sort((a, b) => Number(a.status === 'stale') - Number(b.status === 'stale'));
  }
}
