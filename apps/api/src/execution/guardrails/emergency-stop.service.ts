import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EmergencyStopChangedEvent, EmergencyStopState } from '@caseyos/contracts';
import { Subscription } from 'rxjs';
import { Repository } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { SharedResultCache } from '../../platform/cache/shared-result-cache';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { EventBus } from '../../platform/events/event-bus.service';
import { EmergencyStop } from '../entities/emergency-stop.entity';

/** A change made on another replica reaches this one through the event bus, or at the latest after this. */
const CACHE_MS = 1000;

/**
 * The kill switch. While active every execute is refused (423) and queued executions wait.
 * Kept in Postgres, so it holds across restarts; read through a one-second cache.
 */
@Injectable()
export class EmergencyStopService implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new SharedResultCache<EmergencyStopState>(CACHE_MS);
  private subscription?: Subscription;

  constructor(
    @InjectRepository(EmergencyStop) private readonly rows: Repository<EmergencyStop>,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.subscription = this.events.events.subscribe((event) => {
      if (event.type === 'execution.emergency_stop') this.cache.clear();
    });
  }

  onModuleDestroy() {
    this.subscription?.unsubscribe();
  }

  state(): Promise<EmergencyStopState> {
    return this.cache.get('state', Date.now(), () => this.read());
  }

  async set(active: boolean, reason: string | null, by: { actor: string; requestId?: string }): Promise<EmergencyStopState> {
    const now = this.clock.now();
    await this.rows.manager.transaction(async (manager) => {
      await manager.getRepository(EmergencyStop).update({ id: 1 }, { active, reason, changedBy: by.actor, changedAt: now });
      await this.audit.recordWithin(manager, [
        {
          actor: by.actor,
          action: active ? 'execution.emergency_stop.activated' : 'execution.emergency_stop.released',
          subject: 'execution:emergency_stop',
          requestId: by.requestId ?? null,
          detail: { active, reason },
          result: 'success',
        },
      ]);
    });
    this.cache.clear();
    const state = await this.state();
    const event: EmergencyStopChangedEvent = { type: 'execution.emergency_stop', state };
    await this.events.publish(event.type, event);
    return state;
  }

  private async read(): Promise<EmergencyStopState> {
    const row = await this.rows.findOneBy({ id: 1 });
    return {
      active: row?.active ?? false,
      reason: row?.reason ?? null,
      changed_by: row?.changedBy ?? null,
      changed_at: row?.changedAt?.toISOString() ?? null,
    };
  }
}
