import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DraftAsset, DraftAssetFilters, Page, PublishDraftAssetRequest, UpdateDraftAssetRequest } from '@caseyos/contracts';
import { Observable } from 'rxjs';

/** The draft assets marketing executions make, opened and edited here. */
@Injectable({ providedIn: 'root' })
export class AssetsApiService {
  private readonly http = inject(HttpClient);

  /** Newest first under the filters; `cursor` continues a listing. */
  list(filters: DraftAssetFilters, cursor: string | null, limit: number): Observable<Page<DraftAsset>> {
    let params = new HttpParams().set('limit', limit);
    if (filters.channel) params = params.set('channel', filters.channel);
    if (filters.status) params = params.set('status', filters.status);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<Page<DraftAsset>>('/api/assets', { params });
  }

  /** Marks it published, which records `content_published` for the execution that made it. */
  publish(id: string, request: PublishDraftAssetRequest = {}): Observable<DraftAsset> {
    return this.http.post<DraftAsset>(`/api/assets/${encodeURIComponent(id)}/publish`, request);
  }

  get(id: string): Observable<DraftAsset> {
    return this.http.get<DraftAsset>(`/api/assets/${encodeURIComponent(id)}`);
  }

  update(id: string, changes: UpdateDraftAssetRequest): Observable<DraftAsset> {
    return this.http.patch<DraftAsset>(`/api/assets/${encodeURIComponent(id)}`, changes);
  }
}
