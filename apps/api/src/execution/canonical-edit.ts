import { DRAFT_EDIT_FIELDS, type DraftEdit } from '@caseyos/contracts';

/** Every field an edit may carry, in one order: the texts of each kind of draft, then the `as_shown` marker. */
const EDIT_KEY_ORDER: readonly (keyof DraftEdit)[] = [...new Set(Object.values(DRAFT_EDIT_FIELDS).flat()), 'as_shown'];

/**
 * The edit in one key order, variants sorted by channel, so the same edit always hashes the same
 * however its JSON was written; an empty one is none.
 */
export function canonicalEdit(edit: DraftEdit | undefined): DraftEdit | undefined {
  if (!edit) return undefined;
  const canonical: DraftEdit = {};
  for (const field of EDIT_KEY_ORDER) {
    if (edit[field] === undefined) continue;
    Object.assign(canonical, {
      [field]:
        field === 'variants'
          ? edit.variants
              ?.map((variant) => ({ channel: variant.channel, body: variant.body }))
              .sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0))
          : edit[field],
    });
  }
  return Object.keys(canonical).length > 0 ? canonical : undefined;
}
