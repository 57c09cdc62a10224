import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ContactTimelineResponse, ConversionFunnelResponse, Domain, FunnelPeriod, OutcomeStatsResponse } from '@caseyos/contracts';
import { Observable } from 'rxjs';

export interface ReportQuery {
  /** ISO 8601 with a zone: the API refuses a time without one. */
  from: string;
  domain: Domain | null;
}

function reportParams({ from, domain }: ReportQuery): HttpParams {
  const params = new HttpParams().set('from', from);
  return domain ? params.set('domain', domain) : params;
}

/** The outcomes endpoints: stats, the conversion funnel, a contact's timeline (failed detections: shared/operations). */
@Injectable({ providedIn: 'root' })
export class OutcomesApiService {
  private readonly http = inject(HttpClient);

  stats(query: ReportQuery): Observable<OutcomeStatsResponse> {
    return this.http.get<OutcomeStatsResponse>('/api/outcomes/stats', { params: reportParams(query) });
  }

  funnel(query: ReportQuery, period: FunnelPeriod): Observable<ConversionFunnelResponse> {
    return this.http.get<ConversionFunnelResponse>('/api/analytics/conversion-funnel', { params: reportParams(query).set('period', period) });
  }

  timeline(email: string): Observable<ContactTimelineResponse> {
    return this.http.get<ContactTimelineResponse>(`/api/outcomes/contact/${encodeURIComponent(email)}`);
  }
}
