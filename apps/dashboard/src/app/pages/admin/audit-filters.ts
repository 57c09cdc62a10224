import { AuditFilters } from '@caseyos/contracts';

/** The filter form's fields, as typed: times in the browser's zone (`<input type="datetime-local">`). */
export interface AuditFilterForm {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}

export type AuditFilterCheck = { ok: true; filters: AuditFilters } | { ok: false; field: keyof AuditFilterForm; message: string };

/** `2026-01-31T09:00` read in the browser's zone, as the instant the API takes; null when not a time. */
export function localTimeToInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const at = new Date(value); // a date-time without a zone is local time
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The instant as `<input type="datetime-local">` shows it in the browser's zone, to the minute. */
export function instantToLocalTime(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The form as the API's filters, blanks left out; or the first field the API would refuse, said plainly. */
export function checkAuditFilters(form: AuditFilterForm): AuditFilterCheck {
  const text = (value: string) => value.trim() || undefined;
  const filters: AuditFilters = {
    actor: text(form.actor),
    action: text(form.action),
    subject_type: text(form.subjectType),
    subject_id: text(form.subjectId),
  };
  if (filters.subject_id && !filters.subject_type) {
    return { ok: false, field: 'subjectType', message: 'Give the subject type too (for example command_queue_item).' };
  }
  for (const field of ['from', 'to'] as const) {
    if (!form[field]) continue;
    const instant = localTimeToInstant(form[field]);
    if (!instant) return { ok: false, field, message: 'Not a date and time.' };
    filters[field] = instant;
  }
  if (filters.from && filters.to && Date.parse(filters.from) >= Date.parse(filters.to)) {
    return { ok: false, field: 'to', message: '"Before" must be later than "From".' };
  }
  return { ok: true, filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) };
}
