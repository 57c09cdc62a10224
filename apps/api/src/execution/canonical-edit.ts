import { DRAFT_EDIT_FIELDS, type DraftEdit } from '@caseyos/contracts';

/** Every field an edit may carry, in one order: the texts of each kind of draft, then the `shown_by` marker. */
const EDIT_KEY_ORDER: readonly (keyof DraftEdit)[] = [...new Set(Object.values(DRAFT_EDIT_FIELDS).flat()), 'shown_by'];

/**
 * The edit in one key order, variants sorted by channel, so the same edit always hashes the same
 * however its JSON was written; an empty one is none.
 */
export function canonicalEdit(edit: DraftEdit | undefined): DraftEdit | undefined {
  if (!edit) return undefined;
  const canonical: DraftEdit = {};
  for (const field of EDIT_KEY_ORDER) {
    // A marker naming no dry run marks nothing: it must not make the same texts hash differently.
    if (edit[field] === undefined || (field === 'shown_by' && !edit.shown_by)) continue;
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
