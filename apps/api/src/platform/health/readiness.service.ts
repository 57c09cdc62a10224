import { Inject, Injectable } from '@nestjs/common';
import type { DependencyName, ReadinessResponse } from '@caseyos/contracts';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis.module';

const CHECK_TIMEOUT_MS = 2000;

type Check = ReadinessResponse['checks'][DependencyName];

@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<ReadinessResponse> {
    const [postgres, redis] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1')), this.probe(() => this.redis.ping())]);
    const status = postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'unavailable';
    return { status, checks: { postgres, redis } };
  }

  private async probe(run: () => Promise<unknown>): Promise<Check> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        run(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', latency_ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
