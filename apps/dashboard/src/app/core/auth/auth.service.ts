import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { CreateSessionRequest, SessionResponse } from '@caseyos/contracts';
import { firstValueFrom } from 'rxjs';

const SIGNED_OUT: SessionResponse = { authenticated: false, csrf_token: null, expires_at: null };
export const SESSION_URL = '/api/auth/session';

/** The dashboard session: an HttpOnly cookie we cannot read, plus the CSRF token the API hands us. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly session = signal<SessionResponse>(SIGNED_OUT);

  readonly authenticated = computed(() => this.session().authenticated);
  readonly csrfToken = computed(() => this.session().csrf_token);

  /** Never rejects: an unreachable API at start-up means "show the sign-in page", not a blank app. */
  async load(): Promise<void> {
    try {
      this.session.set(await firstValueFrom(this.http.get<SessionResponse>(SESSION_URL)));
    } catch {
      this.session.set(SIGNED_OUT);
    }
  }

  /** Rejects with the HttpErrorResponse so the sign-in form can explain what went wrong. */
  async signIn(token: string): Promise<void> {
    const body: CreateSessionRequest = { token };
    this.session.set(await firstValueFrom(this.http.post<SessionResponse>(SESSION_URL, body)));
  }

  /** The local session ends even when the API call fails: the user asked to leave. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.delete<void>(SESSION_URL));
    } finally {
      this.clear();
    }
  }

  clear(): void {
    this.session.set(SIGNED_OUT);
  }
}
