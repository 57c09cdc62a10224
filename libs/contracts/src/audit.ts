export type AuditResult = 'success' | 'failure';

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  request_id: string | null;
  detail: Record<string, unknown> | null;
  result: AuditResult;
  status_code: number | null;
}
