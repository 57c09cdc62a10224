import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DeadLetterView, DeadLettersResponse } from '@caseyos/contracts';
import { Observable } from 'rxjs';

/** Outcome detections that gave up, and their retry. */
@Injectable({ providedIn: 'root' })
export class DeadLettersApiService {
  private readonly http = inject(HttpClient);

  list(limit: number): Observable<DeadLettersResponse> {
    return this.http.get<DeadLettersResponse>('/api/outcomes/dead-letters', { params: new HttpParams().set('limit', limit) });
  }

  retry(id: string): Observable<DeadLetterView> {
    return this.http.post<DeadLetterView>(`/api/outcomes/dead-letters/${encodeURIComponent(id)}/retry`, null);
  }
}
