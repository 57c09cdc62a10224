import { type DraftProblem, draftProblems } from '../checks/draft-checks';
import { underCheck } from '../checks/draft-under-check';
import type { Voice } from '../templates/draft-context';
import { type EmailDraft, renderEmail } from '../templates/email-templates';
import type { DraftRequest } from '../writers/draft-writer';
import { sampleMove } from './sample-move';

/** The profile field a problem of its own sample draft comes from; the phrases to use are the free text a draft takes in. */
const FIELD_OF: Partial<Record<DraftProblem['code'], string>> = {
  'wrong-greeting': 'greeting',
  'avoided-phrase': 'phrases_to_avoid',
  'too-long': 'length',
};

/**
 * What is wrong with the draft the profile writes for the built-in sample move, by profile field:
 * a profile whose every draft the checks would refuse is refused when it is saved instead.
 */
export function sampleDraftErrors(voice: Voice, now: Date): { field: string; messages: string[] }[] {
  const request: DraftRequest = {
    move: sampleMove(now).move,
    sender: { name: 'Casey Jones', email: 'casey@caseyos.example.com' },
    account: null,
    now,
    timeZone: 'UTC',
    voice,
    profile: null,
    trigger: { replyText: null },
  };
  let email: EmailDraft;
  try {
    email = renderEmail(request);
  } catch {
    return [{ field: 'phrases_to_use', messages: ['the sample draft would hold unresolved text ({{, }}, ${, undefined, null or NaN)'] }];
  }
  const byField = new Map<string, string[]>();
  for (const problem of draftProblems(underCheck('email', email, request, 'contact', { by: 'template' }))) {
    const field = FIELD_OF[problem.code] ?? 'phrases_to_use';
    byField.set(field, [...(byField.get(field) ?? []), `the sample draft fails a check: ${problem.message}`]);
  }
  return [...byField].map(([field, messages]) => ({ field, messages }));
}
