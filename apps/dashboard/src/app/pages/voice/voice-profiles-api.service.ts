import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DraftPreview, VoicePreviewRequest, VoiceProfile, VoiceProfileInput, VoiceProfileUpdate } from '@caseyos/contracts';
import { Observable } from 'rxjs';

const BASE = '/api/voice-profiles';

/** Voice profiles (docs/DRAFTING.md): how drafts are written, and a preview of one. */
@Injectable({ providedIn: 'root' })
export class VoiceProfilesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<{ items: VoiceProfile[] }> {
    return this.http.get<{ items: VoiceProfile[] }>(BASE);
  }

  create(input: VoiceProfileInput): Observable<VoiceProfile> {
    return this.http.post<VoiceProfile>(BASE, input);
  }

  update(id: string, changes: VoiceProfileUpdate): Observable<VoiceProfile> {
    return this.http.patch<VoiceProfile>(`${BASE}/${encodeURIComponent(id)}`, changes);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${BASE}/${encodeURIComponent(id)}`);
  }

  /** The draft the profile writes for the move, or for a built-in sample ({}: the demo request). */
  preview(id: string, target: VoicePreviewRequest): Observable<DraftPreview> {
    return this.http.post<DraftPreview>(`${BASE}/${encodeURIComponent(id)}/preview`, target);
  }
}
