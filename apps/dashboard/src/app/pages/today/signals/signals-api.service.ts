import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CommandQueueMove, IngestResponse, ManualSignalRequest, Page, SignalView } from '@caseyos/contracts';
import { Observable, of, switchMap } from 'rxjs';

const PAGE_LIMIT = 200;

export interface SignalCount {
  count: number;
  /** More were received than were counted: show it as "at least". */
  capped: boolean;
}

/** The signal endpoints the Today page uses, plus one move by id (what a signal turned into). */
@Injectable({ providedIn: 'root' })
export class SignalsApiService {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  recent(limit: number): Observable<Page<SignalView>> {
    return this.http.get<Page<SignalView>>('/api/signals', { params: new HttpParams().set('limit', limit) });
  }

  /**
   * Signals received at or after `since`, counted by paging the newest-first listing (the API has
   * no count): at most `maxPages` pages of 200.
   */
  countSince(since: Date, maxPages: number): Observable<SignalCount> {
    const start = since.getTime();
    const count = (cursor: string | null, pagesLeft: number, counted: number): Observable<SignalCount> =>
      this.page(cursor).pipe(
        switchMap((answer) => {
          const recent = answer.items.filter((item) => Date.parse(item.received_at) >= start).length;
          const total = counted + recent;
          // Newest first: only a page that is recent to its end may have more recent ones after it.
          if (answer.next_cursor === null || recent < answer.items.length) return of({ count: total, capped: false });
          return pagesLeft > 1 ? count(answer.next_cursor, pagesLeft - 1, total) : of({ count: total, capped: true });
        }),
      );
    return count(null, maxPages, 0);
  }

  addManual(request: ManualSignalRequest): Observable<IngestResponse> {
    return this.http.post<IngestResponse>('/api/signals', request);
  }

  move(id: string): Observable<CommandQueueMove> {
    return this.http.get<CommandQueueMove>(`/api/command-queue/${encodeURIComponent(id)}`);
  }

  private page(cursor: string | null): Observable<Page<SignalView>> {
    const params = new HttpParams().set('limit', PAGE_LIMIT);
    return this.http.get<Page<SignalView>>('/api/signals', { params: cursor ? params.set('cursor', cursor) : params });
  }
}
