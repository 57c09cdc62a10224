import { WriteStatement } from './write-statement';

describe('WriteStatement', () => {
  it('numbers parameters across parts, casts them, passes jsonb as text, and gates parts', () => {
    const statement = new WriteStatement();
    const first = statement.with('first', `INSERT INTO a (x) VALUES (${statement.param(1, 'int')}) RETURNING x`);
    statement.with('second', `INSERT INTO b (tags) SELECT ${statement.json(['t'])} WHERE ${statement.after(first)}`, false);
    expect(statement.build('SELECT x FROM first')).toEqual({
      sql: 'WITH first AS (INSERT INTO a (x) VALUES ($1::int) RETURNING x),\nsecond AS (INSERT INTO b (tags) SELECT $2::jsonb WHERE (SELECT true FROM first))\nSELECT x FROM first',
      values: [1, '["t"]'],
    });
  });

  it('gives a second part of the same name its own name, so two modules (or two moves) can share a statement', () => {
    const statement = new WriteStatement();
    expect(statement.with('claim', 'SELECT 1')).toBe('claim');
    expect(statement.with('claim', 'SELECT 2')).toBe('claim_2');
    expect(statement.with('claim', 'SELECT 3')).toBe('claim_3');
    expect(statement.build('SELECT 1').sql).toContain('claim_2 AS (SELECT 2),\nclaim_3 AS (SELECT 3)');
  });

  it('refuses a name that is not a plain identifier, or one Postgres would cut short', () => {
    expect(() => new WriteStatement().with('a; DROP TABLE x', 'SELECT 1')).toThrow(/lower-case identifiers/);
    expect(() => new WriteStatement().with('x'.repeat(49), 'SELECT 1')).toThrow(/at most 48 characters/);
    expect(new WriteStatement().with('x'.repeat(48), 'SELECT 1')).toBe('x'.repeat(48));
  });

  it('refuses to gate on a part it does not have, or on one that yields no rows', () => {
    const statement = new WriteStatement();
    const silent = statement.with('silent', 'INSERT INTO a (x) VALUES (1)', false);
    expect(() => statement.after('missing')).toThrow(/no part named missing/);
    expect(() => statement.after(silent)).toThrow(/yields no rows/);
  });

  it('passes a missing jsonb as NULL and refuses an empty statement', () => {
    const statement = new WriteStatement();
    expect(statement.json(undefined)).toBe('$1::jsonb');
    expect(statement.build.bind(statement, 'SELECT 1')).toThrow(/no parts/);
  });
});
