import { BeatResponse, ScheduledJobBeat } from '@caseyos/contracts';
import { relativeTime } from '../../shared/time/relative-time';

/** As the API's /health/beat: a job is late when it has not succeeded for this many intervals. */
const LATE_AFTER_INTERVALS = 3;
/** A scheduled run this far past due means no worker picked it up (never less than a minute). */
const MIN_OVERDUE_MS = 60_000;

export interface JobProblem {
  name: string;
  kind: 'failing' | 'late';
  /** One line for the tooltip, e.g. "failed 3 minutes ago: 401 Unauthorized". */
  detail: string;
}

export interface BeatSummary {
  failing: number;
  late: number;
  problems: JobProblem[];
}

function problemOf(job: ScheduledJobBeat, now: number): JobProblem | null {
  const { last_error_at: errorIso, last_success_at: successIso, next_run_at: nextIso } = job;
  const successAt = successIso ? Date.parse(successIso) : null;
  if (errorIso && (successAt === null || Date.parse(errorIso) > successAt)) {
    return { name: job.name, kind: 'failing', detail: `failed ${relativeTime(errorIso, now)}: ${job.last_error ?? 'no message'}` };
  }
  if (nextIso && now - Date.parse(nextIso) > Math.max(job.every_ms, MIN_OVERDUE_MS)) {
    return { name: job.name, kind: 'late', detail: `was due ${relativeTime(nextIso, now)} and has not run` };
  }
  const allowed = job.every_ms * LATE_AFTER_INTERVALS;
  if (successIso && successAt !== null && now - successAt > allowed) {
    return { name: job.name, kind: 'late', detail: `last succeeded ${relativeTime(successIso, now)}` };
  }
  if (!successIso && job.last_run_at && now - Date.parse(job.last_run_at) > allowed) {
    return { name: job.name, kind: 'late', detail: 'has run but never succeeded' };
  }
  // Never run yet: a worker that just started has not got to it; the jobs widget says "Waiting".
  return null;
}

/**
 * What the pollers' heartbeats say, for the header's health dot. Judged per job on the client so a
 * job that has simply not run yet after a start does not turn the dot amber.
 */
export function summarizeBeat(beat: BeatResponse, now: number = Date.now()): BeatSummary {
  const problems = beat.jobs.map((job) => problemOf(job, now)).filter((problem) => problem !== null);
  return {
    failing: problems.filter((problem) => problem.kind === 'failing').length,
    late: problems.filter((problem) => problem.kind === 'late').length,
    problems,
  };
}
