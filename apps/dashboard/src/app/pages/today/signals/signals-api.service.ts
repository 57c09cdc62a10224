import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CommandQueueMove, IngestResponse, ManualSignalRequest, Page, SignalCountResponse, SignalView } from '@caseyos/contracts';
import { Observable } from 'rxjs';

/** The signal endpoints the Today page uses, plus one move by id (what a signal turned into). */
@Injectable({ providedIn: 'root' })
export class SignalsApiService {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  recent(limit: number): Observable<Page<SignalView>> {
    return this.http.get<Page<SignalView>>('/api/signals', { params: new HttpParams().set('limit', limit) });
  }

  /** How many signals were received at or after `since`. */
  countSince(since: Date): Observable<SignalCountResponse> {
    return this.http.get<SignalCountResponse>('/api/signals/count', { params: new HttpParams().set('since', since.toISOString()) });
  }

  addManual(request: ManualSignalRequest): Observable<IngestResponse> {
    return this.http.post<IngestResponse>('/api/signals', request);
  }

  move(id: string): Observable<CommandQueueMove> {
    return this.http.get<CommandQueueMove>(`/api/command-queue/${encodeURIComponent(id)}`);
  }
}
