import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** A queue's connection errors (Redis gone) are logged, not thrown: BullMQ reconnects on its own. */
export function logQueueErrors(context: string, queues: readonly Queue[]): void {
  const logger = new Logger(context);
  for (const queue of queues) queue.on('error', (error) => logger.warn({ event: 'queue_error', queue: queue.name, error: error.message }));
}
