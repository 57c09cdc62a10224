import { Injectable } from '@nestjs/common';
import { QUEUES, SCHEDULED_JOBS } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { OnJob, secondsIn } from './on-job.decorator';

/** Proves the queue wiring end to end: Redis delivers, a worker runs, Postgres records. */
@Injectable()
export class HeartbeatJob {
  constructor(private readonly dataSource: DataSource) {}

  @OnJob({ name: SCHEDULED_JOBS.heartbeat, queue: QUEUES.platform, everySeconds: secondsIn(AppConfig, 'HEARTBEAT_EVERY_SECONDS') })
  async beat(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
