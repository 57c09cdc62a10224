import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DraftAsset, UpdateDraftAssetRequest } from '@caseyos/contracts';
import { Observable } from 'rxjs';

/** The draft assets marketing executions make, opened and edited here. */
@Injectable({ providedIn: 'root' })
export class AssetsApiService {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<DraftAsset> {
    return this.http.get<DraftAsset>(`/api/assets/${encodeURIComponent(id)}`);
  }

  update(id: string, changes: UpdateDraftAssetRequest): Observable<DraftAsset> {
    return this.http.patch<DraftAsset>(`/api/assets/${encodeURIComponent(id)}`, changes);
  }
}
