import { ProblemException } from '../../platform/http/problem-details.filter';

/** Both accepted shapes become this one. */
export interface FormSubmission {
  form_name: string;
  fields: Record<string, string>;
  page_url: string | null;
  submitted_at: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_FIELDS = 100;
const MAX_VALUE = 5000;

/**
 * Accepts our simple shape `{form_name, fields: {...}}` and HubSpot's own submission shape
 * `{formName?|formId?, values: [{name, value}], pageUrl?, submittedAt?}`. A missing or invalid
 * email is a 400 and nothing is stored.
 */
export function normalizeFormSubmission(body: unknown): FormSubmission {
  const errors: { field: string; messages: string[] }[] = [];
  const fail = () => {
    const detail = errors.map((error) => `${error.field}: ${error.messages.join(', ')}`).join('; ');
    return new ProblemException(400, 'validation-failed', `Invalid form submission. ${detail}`, { errors });
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    errors.push({ field: 'body', messages: ['must be a JSON object'] });
    throw fail();
  }
  const input = body as Record<string, unknown>;
  const fields: Record<string, string> = {};
  if (Array.isArray(input.values)) {
    for (const entry of input.values as unknown[]) {
      const { name, value } = (entry ?? {}) as { name?: unknown; value?: unknown };
      if (typeof name === 'string' && (typeof value === 'string' || typeof value === 'number')) fields[name.toLowerCase()] = String(value);
    }
  } else if (typeof input.fields === 'object' && input.fields !== null && !Array.isArray(input.fields)) {
    for (const [name, value] of Object.entries(input.fields)) {
      if (typeof value === 'string' || typeof value === 'number') fields[name.toLowerCase()] = String(value);
    }
  } else {
    errors.push({ field: 'fields', messages: ['send fields {name: value} or HubSpot values [{name, value}]'] });
  }
  if (Object.keys(fields).length > MAX_FIELDS) errors.push({ field: 'fields', messages: [`at most ${MAX_FIELDS} fields`] });
  if (Object.values(fields).some((value) => value.length > MAX_VALUE))
    errors.push({ field: 'fields', messages: [`values must be at most ${MAX_VALUE} characters`] });
  const email = fields.email?.trim().toLowerCase();
  if (!email) errors.push({ field: 'fields.email', messages: ['email is required'] });
  else if (!EMAIL.test(email) || email.length > 254) errors.push({ field: 'fields.email', messages: ['email must be a valid address'] });
  const formName = input.form_name ?? input.formName ?? input.formId;
  if (formName !== undefined && (typeof formName !== 'string' || formName.length > 200)) {
    errors.push({ field: 'form_name', messages: ['form_name must be text of at most 200 characters'] });
  }
  const submitted = input.submitted_at ?? input.submittedAt;
  const submittedAt = submitted === undefined ? null : new Date(typeof submitted === 'number' || typeof submitted === 'string' ? submitted : NaN);
  if (submittedAt && Number.isNaN(submittedAt.getTime())) errors.push({ field: 'submitted_at', messages: ['submitted_at must be a date'] });
  if (errors.length > 0) throw fail();
  if (email) fields.email = email;
  const pageUrl = input.page_url ?? input.pageUrl;
  return {
    form_name: typeof formName === 'string' && formName.trim() ? formName.trim() : 'Website form',
    fields,
    page_url: typeof pageUrl === 'string' ? pageUrl.slice(0, 2000) : null,
    submitted_at: submittedAt ? submittedAt.toISOString() : null,
  };
}
