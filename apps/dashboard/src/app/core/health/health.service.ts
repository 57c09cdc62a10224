import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { BeatResponse, ReadinessResponse } from '@caseyos/contracts';
import { Observable, catchError, forkJoin, map, of, throwError, timeout } from 'rxjs';
import { BeatSummary, summarizeBeat } from './beat-status';

type HealthLevel = 'unknown' | 'ok' | 'degraded' | 'down';

export interface HealthStatus {
  level: HealthLevel;
  /** Short text shown next to the dot and read by screen readers. */
  label: string;
  /** One line per scheduled job that is failing or late, for the tooltip; empty when all is well. */
  jobProblems?: string[];
  /** ok, or the worst that the scheduled jobs report: failing beats late. */
  jobs?: 'ok' | 'failing' | 'late';
}

const READY_TIMEOUT_MS = 10_000;
// Partial: a dependency the API adds later still shows, by its raw name.
const DEPENDENCY_LABELS: Partial<Record<string, string>> = { postgres: 'Postgres', redis: 'Redis' };

function isReadiness(body: unknown): body is ReadinessResponse {
  return typeof body === 'object' && body !== null && 'checks' in body && 'status' in body;
}

function summarize(readiness: ReadinessResponse): HealthStatus {
  const checks = Object.entries(readiness.checks);
  const failing = checks.filter(([, check]) => check.status !== 'up').map(([name]) => name);
  if (failing.length === 0 && readiness.status === 'ok') {
    return { level: 'ok', label: 'All systems up' };
  }
  const names = failing.map((name) => DEPENDENCY_LABELS[name] ?? name).join(' and ');
  // Every dependency down is as bad as no API at all; one of them down is a partial outage.
  const level = failing.length === checks.length ? 'down' : 'degraded';
  return { level, label: names ? `${names} down` : 'API not ready' };
}

function withJobs(ready: HealthStatus, jobs: BeatSummary | null): HealthStatus {
  if (!jobs) {
    return ready;
  }
  const worst = jobs.failing ? 'failing' : jobs.late ? 'late' : 'ok';
  const jobProblems = jobs.problems.map((problem) => `${problem.name} ${problem.detail}`);
  // A dependency down says more than a job that cannot run because of it.
  if (ready.level !== 'ok' || worst === 'ok') {
    return { ...ready, jobs: worst, jobProblems };
  }
  const label =
    worst === 'failing' ? (jobs.failing === 1 ? '1 job failing' : `${jobs.failing} jobs failing`) : jobs.late === 1 ? '1 job late' : `${jobs.late} jobs late`;
  return { level: 'degraded', label, jobs: worst, jobProblems };
}

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /** Never errors: a 503 carries the readiness body; anything else means the API is unreachable. */
  readiness(): Observable<HealthStatus> {
    return this.http.get<ReadinessResponse>('/ready').pipe(
      // A hung API must turn the dot red rather than leave the last answer showing.
      timeout(READY_TIMEOUT_MS),
      catchError((err: unknown) => (err instanceof HttpErrorResponse && isReadiness(err.error) ? of(err.error) : throwError(() => err))),
      map(summarize),
      catchError(() => of<HealthStatus>({ level: 'down', label: 'API unreachable' })),
    );
  }

  beat(): Observable<BeatResponse> {
    return this.http.get<BeatResponse>('/health/beat');
  }

  /**
   * Readiness, plus the scheduled jobs' heartbeats: with Postgres and Redis up, a failing or late
   * poller still means signals are not arriving, so the dot turns amber. Never errors.
   */
  status(): Observable<HealthStatus> {
    const beat = this.beat().pipe(
      timeout(READY_TIMEOUT_MS),
      map((response): BeatSummary | null => summarizeBeat(response)),
      // The beat is extra detail: without it the readiness answer still stands.
      catchError(() => of(null)),
    );
    return forkJoin([this.readiness(), beat]).pipe(map(([ready, jobs]) => withJobs(ready, jobs)));
  }
}
