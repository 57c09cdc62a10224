import { InputInspection, MAX_JSON_DEPTH, MAX_REPORTED_FIELDS, NUL_MESSAGE, SURROGATE_MESSAGE, printableName, textProblems } from './input-guard';

describe('textProblems', () => {
  it.each([
    ['plain text', 'Ada Lovelace <ada@example.com>'],
    ['accents and CJK', 'Zoë, Ærøskøbing, 東京'],
    ['a surrogate pair (emoji)', 'launch 🚀 today'],
    ['control characters Postgres stores', 'tab\there\u0001\u001f'],
    ['the replacement character', '\uFFFD'],
  ])('takes %s', (_name, text) => {
    expect(textProblems(text)).toEqual([]);
  });

  it.each([
    ['NUL alone', '\0', [NUL_MESSAGE]],
    ['NUL inside', 'a\u0000b', [NUL_MESSAGE]],
    ['a lone high surrogate at the end', 'ab\uD800', [SURROGATE_MESSAGE]],
    ['a lone low surrogate at the start', '\uDC00ab', [SURROGATE_MESSAGE]],
    ['two high surrogates in a row', '\uD800\uD800\uDC00', [SURROGATE_MESSAGE]],
    ['a pair in the wrong order', '\uDC00\uD800', [SURROGATE_MESSAGE]],
    ['both', '\u0000\uDFFF', [NUL_MESSAGE, SURROGATE_MESSAGE]],
  ])('refuses %s', (_name, text, messages) => {
    expect(textProblems(text)).toEqual(messages);
  });
});

describe('printableName', () => {
  it('escapes what it refuses and keeps the rest', () => {
    expect(printableName('a\u0000b\uD800c🚀')).toBe('a\\u0000b\\ud800c🚀');
  });
});

describe('InputInspection.record (path, query, headers, cookies)', () => {
  it('names each refused value by kind and name', () => {
    const inspection = new InputInspection()
      .record('path', { company: '\0' })
      .record('query', { contact: 'a\0', limit: '10' })
      .record('header', { 'x-note': 'fine', 'x-other': '\uDC00' })
      .record('cookie', { caseyos_session: '\0' });
    expect(inspection.errors).toEqual([
      { field: 'path.company', messages: [NUL_MESSAGE] },
      { field: 'query.contact', messages: [NUL_MESSAGE] },
      { field: 'header.x-other', messages: [SURROGATE_MESSAGE] },
      { field: 'cookie.caseyos_session', messages: [NUL_MESSAGE] },
    ]);
  });

  it('checks every value of a repeated parameter, each on its own', () => {
    // Joined, the two halves would make a valid pair; apart, each is a lone surrogate.
    expect(new InputInspection().record('query', { contact: ['ok', '\uD83D', '\uDE80'] }).errors).toEqual([
      { field: 'query.contact', messages: [SURROGATE_MESSAGE] },
    ]);
  });

  it('checks names, printing them escaped', () => {
    expect(new InputInspection().record('query', { 'a\0': 'x' }).errors).toEqual([{ field: 'query.a\\u0000', messages: [`name ${NUL_MESSAGE}`] }]);
  });

  it('takes what is absent or not text', () => {
    expect(new InputInspection().record('cookie', undefined).record('query', { n: undefined, list: [] }).errors).toEqual([]);
  });
});

describe('InputInspection.json (bodies)', () => {
  it('finds strings at any depth, in document order', () => {
    const body = { kind: 'note', fields: { email: 'a@b.co', note: 'x\0' }, list: ['ok', { deep: ['\uD800'] }] };
    expect(new InputInspection().json('body', body).errors).toEqual([
      { field: 'body.fields.note', messages: [NUL_MESSAGE] },
      { field: 'body.list.1.deep.0', messages: [SURROGATE_MESSAGE] },
    ]);
  });

  it('finds keys', () => {
    expect(new InputInspection().json('body', { fields: { 'x\0': 'v' } }).errors).toEqual([
      { field: 'body.fields.x\\u0000', messages: [`key ${NUL_MESSAGE}`] },
    ]);
  });

  it('refuses a string body', () => {
    expect(new InputInspection().json('body', '\0').errors).toEqual([{ field: 'body', messages: [NUL_MESSAGE] }]);
  });

  it('takes numbers, booleans, null and good text', () => {
    expect(new InputInspection().json('body', { a: 1, b: true, c: null, d: ['é', '🚀'] }).errors).toEqual([]);
  });

  it(`takes ${MAX_JSON_DEPTH} levels and refuses one more, without recursion`, () => {
    const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : [nested(depth - 1)]);
    expect(new InputInspection().json('body', nested(MAX_JSON_DEPTH)).errors).toEqual([]);
    const errors = new InputInspection().json('body', nested(MAX_JSON_DEPTH + 1)).errors;
    expect(errors).toEqual([{ field: `body${'.0'.repeat(MAX_JSON_DEPTH)}`, messages: [`nests deeper than ${MAX_JSON_DEPTH} levels`] }]);

    // Far deeper than the stack would allow a recursive walk.
    let deep: unknown = 'leaf';
    for (let level = 0; level < 200_000; level++) deep = { a: deep };
    expect(new InputInspection().json('body', deep).errors).toHaveLength(1);
  });

  it(`reports at most ${MAX_REPORTED_FIELDS} fields`, () => {
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`f${index}`, '\0']));
    const errors = new InputInspection().json('body', body).errors;
    expect(errors).toHaveLength(MAX_REPORTED_FIELDS);
    expect(errors[0].field).toBe('body.f0');
  });
});
