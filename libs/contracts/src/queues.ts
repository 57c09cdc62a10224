/** BullMQ queue names; each is owned by one API module, one scheduled job per queue. */
export const QUEUES = {
  platform: 'platform',
  commandQueue: 'command-queue',
  signals: 'signals',
  hubspotDealsPoll: 'signals-hubspot-deals',
  gmailRepliesPoll: 'signals-gmail-replies',
  calendarPoll: 'signals-calendar',
  executionSweep: 'execution-sweep',
  /** Delayed one-off jobs: a queued execution's run when its rate-limit window opens. */
  executionQueued: 'execution-queued',
} as const;

/** Fixed job-scheduler ids: one tick per interval however many workers run. */
export const SCHEDULED_JOBS = {
  heartbeat: 'heartbeat',
  snoozeWake: 'queue-snooze-wake',
  signalsRetry: 'signals-process-pending',
  hubspotDealsPoll: 'hubspot-deals-poll',
  gmailRepliesPoll: 'gmail-replies-poll',
  calendarPoll: 'calendar-poll',
  executionSweep: 'execution-sweep',
} as const;
