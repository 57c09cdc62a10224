import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditEntry, AuditFilters, Page } from '@caseyos/contracts';
import { Observable } from 'rxjs';

const FILTER_NAMES: readonly (keyof AuditFilters)[] = ['actor', 'action', 'subject_type', 'subject_id', 'from', 'to'];

/** GET /api/audit: one page of entries, newest first. */
@Injectable({ providedIn: 'root' })
export class AuditApiService {
  private readonly http = inject(HttpClient);

  list(filters: AuditFilters, cursor: string | null, limit: number): Observable<Page<AuditEntry>> {
    let params = new HttpParams().set('limit', limit);
    for (const name of FILTER_NAMES) {
      const value = filters[name];
      if (value) params = params.set(name, value);
    }
    return this.http.get<Page<AuditEntry>>('/api/audit', { params: cursor ? params.set('cursor', cursor) : params });
  }
}
