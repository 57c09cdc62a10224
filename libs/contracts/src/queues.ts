/** BullMQ queue names; each is owned by one API module. */
export const QUEUES = {
  platform: 'platform',
  commandQueue: 'command-queue',
  signals: 'signals',
} as const;

/** Fixed job-scheduler ids: one tick per interval however many workers run. */
export const SCHEDULED_JOBS = {
  heartbeat: 'heartbeat',
  snoozeWake: 'queue-snooze-wake',
  signalsRetry: 'signals-process-pending',
} as const;
