import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Observable, Subject } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { closeRedisClient } from '../redis/close-redis';
import { REDIS } from '../redis/redis.module';

export interface BusEvent {
  type: string;
  data: unknown;
}

/**
 * Pub/sub channels ignore Redis database numbers, so the channel names the database: two
 * installations (or test runs) on one Redis server with different databases stay apart.
 */
export function eventChannel(redisUrl: string): string {
  const db = new URL(redisUrl).pathname.slice(1) || '0';
  return `caseyos:db${db}:events`;
}

/**
 * Live change notifications: the streams of open dashboards, and the caches every process keeps
 * (voice profiles, the emergency stop, outcome figures). Published through Redis pub/sub so a
 * change made on any replica reaches every api and worker process. Best effort by design:
 * Postgres holds the truth, caches also expire and the dashboard also refreshes on a timer.
 */
@Injectable()
export class EventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventBus');
  private readonly local = new Subject<BusEvent>();
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.channel = eventChannel(config.REDIS_URL);
  }

  get events(): Observable<BusEvent> {
    return this.local.asObservable();
  }

  async onModuleInit() {
    // Every role listens: a worker drafts and executes with the same caches an api replica holds.
    this.subscriber = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
    this.subscriber.on('error', (error) => this.logger.warn({ event: 'event_bus_unavailable', error: error.message }));
    this.subscriber.on('message', (_channel, message) => {
      try {
        this.local.next(JSON.parse(message) as BusEvent);
      } catch {
        this.logger.warn({ event: 'event_bus_bad_message' });
      }
    });
    await this.subscriber.connect().catch(() => undefined);
    await this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  async publish(type: string, data: unknown): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify({ type, data }));
    } catch (error) {
      this.logger.warn({ event: 'event_publish_failed', type, error: (error as Error).message });
    }
  }

  /**
   * Several events in one round trip (a pipeline of publishes): subscribers receive them one by
   * one, in order, exactly as if each had been published alone.
   */
  async publishAll(events: readonly BusEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const event of events) pipeline.publish(this.channel, JSON.stringify({ type: event.type, data: event.data }));
    try {
      const failed = ((await pipeline.exec()) ?? []).filter(([error]) => error);
      if (failed.length > 0) throw failed[0][0] as Error;
    } catch (error) {
      this.logger.warn({ event: 'event_publish_failed', type: events[0].type, count: events.length, error: (error as Error).message });
    }
  }

  async onApplicationShutdown() {
    this.local.complete();
    if (this.subscriber) await closeRedisClient(this.subscriber);
  }
}
