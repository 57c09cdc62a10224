import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { IntegrationProvider, IntegrationsResponse } from '@caseyos/contracts';
import { Observable, tap } from 'rxjs';

const BASE = '/api/integrations';

/**
 * The connected accounts, and whether CaseyOS runs against the local sandbox. The shell shows the
 * sandbox banner on every page from `sandbox`; the Integrations page keeps it current.
 */
@Injectable({ providedIn: 'root' })
export class IntegrationsService {
  private readonly http = inject(HttpClient);

  /** null until the API has answered once: no banner flashes before we know. */
  readonly sandbox = signal<boolean | null>(null);

  list(): Observable<IntegrationsResponse> {
    return this.http.get<IntegrationsResponse>(BASE).pipe(tap((response) => this.sandbox.set(response.sandbox)));
  }

  /** For the shell: a failure leaves the banner as it was; the Integrations page reports errors. */
  loadMode(destroyRef: DestroyRef): void {
    const subscription = this.list().subscribe({ error: () => undefined });
    destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  disconnect(provider: IntegrationProvider): Observable<void> {
    return this.http.delete<void>(`${BASE}/${provider}`);
  }

  /**
   * Connecting is a full-page trip through the provider's consent screen (the API answers with a
   * redirect and sets a cookie binding the flow to this browser), so it cannot be an XHR.
   */
  connectUrl(provider: IntegrationProvider): string {
    return `${BASE}/${provider}/connect`;
  }
}
