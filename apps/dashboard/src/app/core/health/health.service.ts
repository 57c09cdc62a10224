import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { BeatResponse, ReadinessResponse } from '@caseyos/contracts';
import { Observable, catchError, map, of, throwError, timeout } from 'rxjs';

type HealthLevel = 'unknown' | 'ok' | 'degraded' | 'down';

export interface HealthStatus {
  level: HealthLevel;
  /** Short text shown next to the dot and read by screen readers. */
  label: string;
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

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /** Never errors: a 503 carries the readiness body; anything else means the API is unreachable. */
  readiness(): Observable<HealthStatus> {
    return this.http.get<ReadinessResponse>('/ready').pipe(
      // A hung API must turn the dot red rather than leave the last answer showing.
      timeout(READY_TIMEOUT_MS),
      catchError((err: unknown) =>
        err instanceof HttpErrorResponse && isReadiness(err.error) ? of(err.error) : throwError(() => err),
      ),
      map(summarize),
      catchError(() => of<HealthStatus>({ level: 'down', label: 'API unreachable' })),
    );
  }

  beat(): Observable<BeatResponse> {
    return this.http.get<BeatResponse>('/health/beat');
  }
}
