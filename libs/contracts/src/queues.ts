/** BullMQ queue names; each is owned by one API module, and each scheduled job has its own (a slow tick holds up no other). */
export const QUEUES = {
  platform: 'platform',
  commandQueue: 'command-queue',
  /** One-off jobs, one per (domain, action type) at a time: rescoring open moves after an outcome moved the rate. */
  queueRescore: 'command-queue-rescore',
  signals: 'signals',
  hubspotDealsPoll: 'signals-hubspot-deals',
  gmailRepliesPoll: 'signals-gmail-replies',
  calendarPoll: 'signals-calendar',
  executionSweep: 'execution-sweep',
  /** Delayed one-off jobs: a queued execution's run when its rate-limit window opens. */
  executionQueued: 'execution-queued',
  /** The detect_outcomes job scheduler. */
  outcomesDetect: 'outcomes-detect',
  /** One detection each (a signal, a task, a meeting), retried with backoff; the exhausted ones are the dead letters. */
  outcomeDetection: 'outcome-detection',
  /** The evaluate-alerts job scheduler. */
  alerts: 'alerts',
} as const;

/** Fixed job-scheduler ids (also the jobs' names): one tick per interval however many workers run. */
export const SCHEDULED_JOBS = {
  heartbeat: 'heartbeat',
  snoozeWake: 'queue-snooze-wake',
  signalsRetry: 'signals-process-pending',
  hubspotDealsPoll: 'hubspot-deals-poll',
  gmailRepliesPoll: 'gmail-replies-poll',
  calendarPoll: 'calendar-poll',
  executionSweep: 'execution-sweep',
  detectOutcomes: 'detect-outcomes',
  evaluateAlerts: 'evaluate-alerts',
} as const;

/** Names of the one-off jobs a module adds to its queue (`queue.add(name, …)`); each has one @OnJob handler. */
export const ENQUEUED_JOBS = {
  rescoreOpenMoves: 'rescore-open-moves',
  runQueuedExecution: 'run-queued',
  detectOutcome: 'detect',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export type ScheduledJobName = (typeof SCHEDULED_JOBS)[keyof typeof SCHEDULED_JOBS];
export type EnqueuedJobName = (typeof ENQUEUED_JOBS)[keyof typeof ENQUEUED_JOBS];
