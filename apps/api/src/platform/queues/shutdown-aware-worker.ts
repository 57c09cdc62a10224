import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown } from '@nestjs/common';
import { reachable } from '../redis/close-redis';

/**
 * Base of every BullMQ processor. With Redis unreachable a graceful close would wait for it to
 * come back; the running job cannot finish anyway, so the worker closes now. Its lock expires and
 * a worker takes the job up again.
 */
export abstract class ShutdownAwareWorker extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    if (!(await reachable(this.worker.client))) await this.worker.close(true);
  }
}
