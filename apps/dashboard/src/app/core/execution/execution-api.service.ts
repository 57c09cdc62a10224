import { HttpClient, HttpHeaders, HttpParams, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { DraftEdit, DryRunResponse, EmergencyStopRequest, EmergencyStopState, ExecutionView, GuardrailsResponse, HEADERS, Page } from '@caseyos/contracts';
import { Observable } from 'rxjs';

export interface ExecuteOptions {
  /** Queue it for the next window instead of being refused (429) when a limit is reached. */
  queueWhenLimited?: boolean;
  /** The draft as the person edited it: what executes instead of the written one. */
  draft?: DraftEdit | null;
}

/** The execution endpoints: dry run, execute, history, rollback, guardrails and the emergency stop. */
@Injectable({ providedIn: 'root' })
export class ExecutionApiService {
  private readonly http = inject(HttpClient);

  /** With an edit, the plan is made from the edited draft (and the edit is checked like a written one). */
  dryRun(itemId: string, key: string, draft: DraftEdit | null = null): Observable<DryRunResponse> {
    return this.http.post<DryRunResponse>(executeUrl(itemId), draft ? { draft } : null, {
      params: new HttpParams().set('dry_run', 'true'),
      headers: new HttpHeaders({ [HEADERS.idempotencyKey]: key }),
    });
  }

  /** The whole response: a replay is told apart by its Idempotent-Replayed header, a queued run by 202. */
  execute(itemId: string, key: string, options: ExecuteOptions = {}): Observable<HttpResponse<ExecutionView>> {
    const params = options.queueWhenLimited ? new HttpParams().set('when_limited', 'queue') : undefined;
    return this.http.post<ExecutionView>(executeUrl(itemId), options.draft ? { draft: options.draft } : null, {
      params,
      headers: new HttpHeaders({ [HEADERS.idempotencyKey]: key }),
      observe: 'response',
    });
  }

  /** Newest first; dry runs only when asked for. */
  recent(limit: number, includeDryRuns: boolean): Observable<Page<ExecutionView>> {
    let params = new HttpParams().set('limit', limit);
    if (!includeDryRuns) {
      params = params.set('dry_run', 'false');
    }
    return this.http.get<Page<ExecutionView>>('/api/executions', { params });
  }

  rollback(id: string): Observable<ExecutionView> {
    return this.http.post<ExecutionView>(`/api/executions/${encodeURIComponent(id)}/rollback`, null);
  }

  guardrails(): Observable<GuardrailsResponse> {
    return this.http.get<GuardrailsResponse>('/api/execution/guardrails');
  }

  setEmergencyStop(request: EmergencyStopRequest): Observable<EmergencyStopState> {
    return this.http.post<EmergencyStopState>('/api/admin/emergency-stop', request);
  }
}

function executeUrl(itemId: string): string {
  return `/api/command-queue/${encodeURIComponent(itemId)}/execute`;
}
