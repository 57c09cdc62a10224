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
  last_error: string | null;
  last_error_at: string | null;
  next_run_at: string | null;
}

export interface BeatResponse {
  status: 'ok' | 'stale';
  jobs: ScheduledJobBeat[];
}
