import { HttpErrorResponse } from '@angular/common/http';
import { DraftAsset, ProblemDetails, UpdateDraftAssetRequest } from '@caseyos/contracts';
import { describeHttpError } from '../../core/http/http-error';
import { channelLabel } from './asset-format';

/** What the asset page's editor holds: the title, the text, and each channel's variant. */
export interface AssetEdit {
  title: string;
  body: string;
  /** Variant text by channel, for the channels the asset has. */
  variants: Partial<Record<string, string>>;
}

/** The editor's fields: `title`, `body`, or `variant:<channel>`. */
export type AssetEditField = 'title' | 'body' | `variant:${string}`;

/** A problem to show at its field ('form' when the API named none the editor has). */
export interface AssetEditProblem {
  field: AssetEditField | 'form';
  message: string;
}

/** A text's length against its channel's limit (none: `max` and `left` are null). */
export interface LengthNote {
  length: number;
  max: number | null;
  left: number | null;
  over: boolean;
}

export function lengthNote(text: string, max: number | null): LengthNote {
  const left = max === null ? null : max - text.length;
  return { length: text.length, max, left, over: left !== null && left < 0 };
}

/** "12/280 characters · 268 left" as the page shows a text's count. */
export function lengthLabel(note: LengthNote): string {
  if (note.max === null || note.left === null) return `${note.length} characters`;
  return `${note.length}/${note.max} characters · ${note.over ? `${-note.left} over` : `${note.left} left`}`;
}

export function editOf(asset: DraftAsset): AssetEdit {
  return { title: asset.title, body: asset.body, variants: Object.fromEntries(asset.variants.map((variant) => [variant.channel, variant.body])) };
}

/** What the browser can tell before asking the API: an empty title or variant, a text over its limit. */
export function editProblems(asset: DraftAsset, edit: AssetEdit): AssetEditProblem[] {
  const problems: AssetEditProblem[] = [];
  if (!edit.title.trim()) problems.push({ field: 'title', message: 'Give it a title.' });
  const body = lengthNote(edit.body, asset.max_length);
  if (body.over) problems.push({ field: 'body', message: `${channelLabel(asset.channel)} takes at most ${body.max} characters; cut ${-(body.left ?? 0)}.` });
  for (const variant of asset.variants) {
    const text = edit.variants[variant.channel] ?? variant.body;
    const note = lengthNote(text, variant.max_length);
    const field: AssetEditField = `variant:${variant.channel}`;
    if (!text.trim()) problems.push({ field, message: `The ${channelLabel(variant.channel)} post is empty.` });
    else if (note.over) problems.push({ field, message: `${channelLabel(variant.channel)} takes at most ${note.max} characters; cut ${-(note.left ?? 0)}.` });
  }
  return problems;
}

/** Only what changed: the title, the text, and the variants whose text differs (the API keeps the rest). */
export function changesOf(asset: DraftAsset, edit: AssetEdit): UpdateDraftAssetRequest {
  const title = edit.title.trim();
  const variants = asset.variants.flatMap((variant) => {
    const body = edit.variants[variant.channel];
    return body !== undefined && body !== variant.body ? [{ channel: variant.channel, body }] : [];
  });
  return {
    ...(title !== asset.title ? { title } : {}),
    ...(edit.body !== asset.body ? { body: edit.body } : {}),
    ...(variants.length > 0 ? { variants } : {}),
  };
}

/**
 * The API's refusal placed at the editor's fields: `variants.<i>.body` names the i-th variant of
 * the request sent, so it is shown at that channel's text.
 */
export function saveProblems(err: unknown, sent: UpdateDraftAssetRequest): AssetEditProblem[] {
  const problem =
    err instanceof HttpErrorResponse && err.status === 400 && typeof err.error === 'object' && err.error !== null
      ? (err.error as Partial<ProblemDetails>)
      : null;
  if (!problem?.errors?.length) return [{ field: 'form', message: describeHttpError(err) }];
  return problem.errors.flatMap((error) => {
    const variant = /^variants\.(\d+)\./.exec(error.field);
    const channel = variant ? sent.variants?.[Number(variant[1])]?.channel : undefined;
    const field: AssetEditProblem['field'] = channel ? `variant:${channel}` : error.field === 'title' || error.field === 'body' ? error.field : 'form';
    return error.messages.map((message) => ({ field, message }));
  });
}
