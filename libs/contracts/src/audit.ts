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

/**
 * GET /api/audit's filters, all optional and combined: exact `actor` and `action`; subjects of a
 * kind (`subject_type`, e.g. `command_queue_item`) or one of them (with `subject_id`); `at` in
 * [`from`, `to`), ISO 8601 instants with a zone.
 */
export interface AuditFilters {
  actor?: string;
  action?: string;
  subject_type?: string;
  subject_id?: string;
  from?: string;
  to?: string;
}
