export interface CreateSessionRequest {
  token: string;
}

export interface SessionResponse {
  authenticated: boolean;
  /** Send back as the X-CSRF-Token header on every state-changing request. */
  csrf_token: string | null;
  expires_at: string | null;
}
