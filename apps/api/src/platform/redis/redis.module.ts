import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { closeRedisClient } from './close-redis';

/** The shared client for short-lived state (rate limits, readiness). BullMQ keeps its own. */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Redis');
        // Fail fast while Redis is down instead of queueing commands: callers degrade, /ready says so.
        const client = new Redis(config.REDIS_URL, {
          // Commands issued in the same tick (rate limits, event publishes of concurrent
          // requests) leave in one write.
          enableAutoPipelining: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        });
        let down = false;
        client.on('error', (err) => {
          if (!down) logger.warn({ event: 'redis_unavailable', error: err.message });
          down = true;
        });
        client.on('ready', () => {
          if (down) logger.log({ event: 'redis_available' });
          down = false;
        });
        return client;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown() {
    await closeRedisClient(this.redis);
  }
}
