import { DRAFT_EDIT_FIELDS, type DraftEdit } from '@caseyos/contracts';
import { canonicalEdit } from './canonical-edit';

describe('canonicalEdit', () => {
  it('keeps every field any kind of draft takes, and the shown_by marker', () => {
    const everything = Object.fromEntries(
      Object.values(DRAFT_EDIT_FIELDS)
        .flat()
        .map((field) => [field, field === 'variants' ? [{ channel: 'x', body: 'b' }] : field === 'agenda' ? ['a'] : 'v']),
    );
    const canonical = canonicalEdit({ ...everything, shown_by: 'dry-run-id' });
    expect(Object.keys(canonical ?? {}).sort()).toEqual([...new Set([...Object.values(DRAFT_EDIT_FIELDS).flat(), 'shown_by'])].sort());
  });

  it('hashes the same edit the same whatever the order of its keys and of its variants', () => {
    const one: DraftEdit = {
      title: 'T',
      variants: [
        { channel: 'x', body: 'short' },
        { channel: 'linkedin', body: 'long' },
      ],
      body: 'B',
    };
    const other: DraftEdit = {
      body: 'B',
      variants: [
        { channel: 'linkedin', body: 'long' },
        { channel: 'x', body: 'short' },
      ],
      title: 'T',
    };
    expect(JSON.stringify(canonicalEdit(one))).toBe(JSON.stringify(canonicalEdit(other)));
    expect(canonicalEdit(one)?.variants?.map((variant) => variant.channel)).toEqual(['linkedin', 'x']);
  });

  it('keeps the shown_by marker only when it names a dry run', () => {
    expect(canonicalEdit({ subject: 'S', body: 'B', shown_by: '' })).toEqual({ subject: 'S', body: 'B' });
    expect(canonicalEdit({ shown_by: '' })).toBeUndefined();
  });

  it('drops fields no draft takes, and an edit with nothing left is none', () => {
    expect(canonicalEdit({ subject: 'S', cc: 'eve@x.example' } as DraftEdit)).toEqual({ subject: 'S' });
    expect(canonicalEdit({})).toBeUndefined();
  });
});
