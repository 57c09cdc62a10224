import { HttpErrorResponse } from '@angular/common/http';
import { DraftAsset } from '@caseyos/contracts';
import { changesOf, editOf, editProblems, lengthLabel, lengthNote, saveProblems } from './asset-edit';

const post: DraftAsset = {
  id: 'asset-1',
  item_id: 'item-1',
  execution_id: 'execution-1',
  action_type: 'social_post',
  channel: 'linkedin',
  title: 'Launch week',
  body: 'We shipped the drafting studio.',
  max_length: 3000,
  variants: [
    { channel: 'x', body: 'Drafting studio is out.', max_length: 280 },
    { channel: 'linkedin', body: 'We shipped the drafting studio, in your voice.', max_length: 3000 },
  ],
  published_at: null,
  published_url: null,
  created_at: '2030-01-07T10:00:00Z',
  updated_at: '2030-01-07T10:00:00Z',
};

describe('asset edit', () => {
  it('counts a text against its channel limit, and says how much is left or over', () => {
    expect(lengthNote('a'.repeat(270), 280)).toEqual({ length: 270, max: 280, left: 10, over: false });
    expect(lengthLabel(lengthNote('a'.repeat(270), 280))).toBe('270/280 characters · 10 left');
    expect(lengthNote('a'.repeat(283), 280)).toMatchObject({ left: -3, over: true });
    expect(lengthLabel(lengthNote('a'.repeat(283), 280))).toBe('283/280 characters · 3 over');
    expect(lengthLabel(lengthNote('free text', null))).toBe('9 characters');
  });

  it('sends only what changed: the title trimmed, the text, and the variants whose text differs', () => {
    expect(changesOf(post, editOf(post))).toEqual({});
    const edit = editOf(post);
    edit.title = '  Launch week, day two ';
    edit.variants['x'] = 'Day two of launch week.';
    expect(changesOf(post, edit)).toEqual({ title: 'Launch week, day two', variants: [{ channel: 'x', body: 'Day two of launch week.' }] });
    edit.body = 'New text';
    expect(changesOf(post, edit).body).toBe('New text');
  });

  it('finds an empty title, an empty variant and texts over their limits at their fields before the API is asked', () => {
    expect(editProblems(post, editOf(post))).toEqual([]);
    const edit = editOf(post);
    edit.title = ' ';
    edit.variants['x'] = 'x'.repeat(281);
    edit.variants['linkedin'] = '  ';
    expect(editProblems(post, edit)).toEqual([
      { field: 'title', message: 'Give it a title.' },
      { field: 'variant:x', message: 'X takes at most 280 characters; cut 1.' },
      { field: 'variant:linkedin', message: 'The LinkedIn post is empty.' },
    ]);
    expect(editProblems(post, { ...editOf(post), body: 'b'.repeat(3001) })).toEqual([
      { field: 'body', message: 'LinkedIn takes at most 3000 characters; cut 1.' },
    ]);
  });

  it("places the API's problem+json errors at the fields: variants.<i> is the i-th variant sent", () => {
    const sent = {
      title: 'T',
      variants: [
        { channel: 'linkedin', body: 'L' },
        { channel: 'x', body: 'X' },
      ],
    };
    const refused = new HttpErrorResponse({
      status: 400,
      error: {
        type: 'about:blank',
        title: 'Invalid input',
        status: 400,
        errors: [
          { field: 'variants.1.body', messages: ['body must be at most 280 characters for x'] },
          { field: 'title', messages: ['title must be shorter'] },
          { field: 'note', messages: ['unexpected'] },
        ],
      },
    });
    expect(saveProblems(refused, sent)).toEqual([
      { field: 'variant:x', message: 'body must be at most 280 characters for x' },
      { field: 'title', message: 'title must be shorter' },
      { field: 'form', message: 'unexpected' },
    ]);
    const down = saveProblems(new HttpErrorResponse({ status: 503 }), sent);
    expect(down).toHaveLength(1);
    expect(down[0].field).toBe('form');
    expect(down[0].message).not.toBe('');
  });
});
