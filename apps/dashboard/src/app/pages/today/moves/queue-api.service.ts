import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AccountHealth,
  CommandQueueMove,
  CompleteRequest,
  DismissRequest,
  Domain,
  QUEUE_ITEM_STATUSES,
  QueueItemStatus,
  SeedResponse,
  SnoozeRequest,
  TodayResponse,
} from '@caseyos/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/command-queue';

/** The command-queue endpoints the Today page uses. */
@Injectable({ providedIn: 'root' })
export class QueueApiService {
  private readonly http = inject(HttpClient);

  today(domain: Domain | null): Observable<TodayResponse> {
    const params = domain ? new HttpParams().set('domain', domain) : undefined;
    return this.http.get<TodayResponse>(`${BASE}/today`, { params });
  }

  accept(id: string): Observable<CommandQueueMove> {
    return this.http.post<CommandQueueMove>(`${BASE}/${encodeURIComponent(id)}/accept`, null);
  }

  dismiss(id: string, reason: string): Observable<CommandQueueMove> {
    const body: DismissRequest = { reason };
    return this.http.post<CommandQueueMove>(`${BASE}/${encodeURIComponent(id)}/dismiss`, body);
  }

  snooze(id: string, until: Date): Observable<CommandQueueMove> {
    const body: SnoozeRequest = { until: until.toISOString() };
    return this.http.post<CommandQueueMove>(`${BASE}/${encodeURIComponent(id)}/snooze`, body);
  }

  /** Done by hand elsewhere: no side effect. */
  complete(id: string): Observable<CommandQueueMove> {
    const body: CompleteRequest = {};
    return this.http.post<CommandQueueMove>(`${BASE}/${encodeURIComponent(id)}/complete`, body);
  }

  seed(): Observable<SeedResponse> {
    return this.http.post<SeedResponse>(`${BASE}/seed`, null);
  }

  accountHealth(company: string): Observable<AccountHealth> {
    return this.http.get<AccountHealth>(`/api/accounts/${encodeURIComponent(company)}/health`);
  }
}

/** A 409 names the status the move really has now (someone else got there first). */
export function currentStatusOf(err: unknown): QueueItemStatus | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 409) {
    return null;
  }
  const body: unknown = err.error;
  const status = typeof body === 'object' && body !== null && 'current_status' in body ? body.current_status : null;
  return QUEUE_ITEM_STATUSES.find((s) => s === status) ?? null;
}
