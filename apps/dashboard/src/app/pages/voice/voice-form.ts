import { HttpErrorResponse } from '@angular/common/http';
import type { Domain, LengthPreference, ProblemDetails, VoiceProfile, VoiceProfileInput, VoiceProfileUpdate } from '@caseyos/contracts';
import { describeHttpError } from '../../core/http/http-error';

/** A voice profile as the form edits it: lists as text, one phrase a line, examples between `---` lines. */
export interface VoiceForm {
  name: string;
  tone_notes: string;
  greeting: string;
  sign_off: string;
  length: LengthPreference;
  phrases_to_use: string;
  phrases_to_avoid: string;
  example_messages: string;
  domain: Domain | '';
  is_default: boolean;
}

export const EXAMPLE_SEPARATOR = '---';

export function emptyForm(): VoiceForm {
  return {
    name: '',
    tone_notes: '',
    greeting: 'Hi {first_name},',
    sign_off: 'Best,',
    length: 'medium',
    phrases_to_use: '',
    phrases_to_avoid: '',
    example_messages: '',
    domain: '',
    is_default: false,
  };
}

export function formOf(profile: VoiceProfile): VoiceForm {
  return {
    name: profile.name,
    tone_notes: profile.tone_notes,
    greeting: profile.greeting,
    sign_off: profile.sign_off,
    length: profile.length,
    phrases_to_use: profile.phrases_to_use.join('\n'),
    phrases_to_avoid: profile.phrases_to_avoid.join('\n'),
    example_messages: profile.example_messages.join(`\n${EXAMPLE_SEPARATOR}\n`),
    domain: profile.domain ?? '',
    is_default: profile.is_default,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const examples = (text: string) =>
  text
    .split(new RegExp(`^\\s*${EXAMPLE_SEPARATOR}\\s*$`, 'm'))
    .map((example) => example.trim())
    .filter((example) => example !== '');

/** The request body a new profile is created with. */
export function inputOf(form: VoiceForm): VoiceProfileInput {
  return {
    name: form.name.trim(),
    tone_notes: form.tone_notes.trim(),
    greeting: form.greeting.trim(),
    sign_off: form.sign_off.trim(),
    length: form.length,
    phrases_to_use: lines(form.phrases_to_use),
    phrases_to_avoid: lines(form.phrases_to_avoid),
    example_messages: examples(form.example_messages),
    domain: form.domain === '' ? null : form.domain,
    is_default: form.is_default,
  };
}

/** Only what changed, so an edit does not rewrite (and audit) fields nobody touched; null when nothing did. */
export function changesOf(profile: VoiceProfile, form: VoiceForm): VoiceProfileUpdate | null {
  const next = inputOf(form);
  const before = inputOf(formOf(profile));
  const changes: VoiceProfileUpdate = {};
  for (const field of Object.keys(next) as (keyof VoiceProfileInput)[]) {
    if (JSON.stringify(next[field]) !== JSON.stringify(before[field])) {
      (changes as Record<string, unknown>)[field] = next[field];
    }
  }
  return Object.keys(changes).length > 0 ? changes : null;
}

/** The API's reason for refusing a write: each invalid field's messages, else its detail. */
export function refusalOf(err: unknown): string {
  if (err instanceof HttpErrorResponse && typeof err.error === 'object' && err.error !== null) {
    const problem = err.error as Partial<ProblemDetails> & { draft_problems?: unknown };
    const messages = [...(problem.errors?.flatMap((e) => e.messages) ?? []), ...(Array.isArray(problem.draft_problems) ? problem.draft_problems : [])];
    if (messages.length > 0) return messages.join(' ');
    if (problem.detail) return problem.detail;
  }
  return describeHttpError(err);
}
