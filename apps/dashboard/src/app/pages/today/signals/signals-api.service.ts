import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { IngestResponse, ManualSignalRequest, Page, SignalCountResponse, SignalListItem } from '@caseyos/contracts';
import { Observable } from 'rxjs';

/** The signal endpoints the Today page uses. */
@Injectable({ providedIn: 'root' })
export class SignalsApiService {
  private readonly http = inject(HttpClient);

  /** Newest first, each with its move as it stands. */
  recent(limit: number): Observable<Page<SignalListItem>> {
    return this.http.get<Page<SignalListItem>>('/api/signals', { params: new HttpParams().set('limit', limit) });
  }

  /** How many signals were received at or after `since`. */
  countSince(since: Date): Observable<SignalCountResponse> {
    return this.http.get<SignalCountResponse>('/api/signals/count', { params: new HttpParams().set('since', since.toISOString()) });
  }

  addManual(request: ManualSignalRequest): Observable<IngestResponse> {
    return this.http.post<IngestResponse>('/api/signals', request);
  }
}
