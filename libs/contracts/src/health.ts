export type DependencyName = 'postgres' | 'redis';

export interface ReadinessResponse {
  status: 'ok' | 'unavailable';
  checks: Record<DependencyName, { status: 'up' | 'down'; latency_ms?: number; error?: string }>;
}

/** One scheduled job as seen by /health/beat. */
export interface ScheduledJobBeat {
  name: string;
  every_ms: number;
  last_run_at: string | null;
  last_success_at: string | null;
  /** The last failure's message: only for an authenticated caller (operator token or session); absent for anyone else. */
  last_error?: string | null;
  last_error_at: string | null;
  next_run_at: string | null;
}

/** One api or worker process as seen by /health/beat, from its own heartbeat. */
export interface ProcessBeatView {
  /** Host, pid and a random tail: only for an authenticated caller, like `version`. */
  id?: string;
  role: 'api' | 'worker' | 'all';
  version?: string;
  started_at: string;
  last_beat_at: string;
  /** Stale: no beat for three intervals (stopped, hung or cut off from Postgres). */
  status: 'live' | 'stale';
}

export interface BeatResponse {
  status: 'ok' | 'stale';
  jobs: ScheduledJobBeat[];
  /** Processes that beat within the last hour, live ones first. */
  processes: ProcessBeatView[];
}
