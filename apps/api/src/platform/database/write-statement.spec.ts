import { WriteStatement } from './write-statement';

describe('WriteStatement', () => {
  it('numbers parameters across parts, casts them, passes jsonb as text, and gates parts', () => {
    const statement = new WriteStatement();
    statement.with('first', `INSERT INTO a (x) VALUES (${statement.param(1, 'int')}) RETURNING x`);
    statement.with('second', `INSERT INTO b (tags) SELECT ${statement.json(['t'])}${WriteStatement.gated('first')}`);
    expect(statement.build('SELECT x FROM first')).toEqual({
      sql: 'WITH first AS (INSERT INTO a (x) VALUES ($1::int) RETURNING x),\nsecond AS (INSERT INTO b (tags) SELECT $2::jsonb FROM first)\nSELECT x FROM first',
      values: [1, '["t"]'],
    });
  });

  it('refuses a second part of the same name', () => {
    const statement = new WriteStatement().with('claim', 'SELECT 1');
    expect(() => statement.with('claim', 'SELECT 2')).toThrow(/already has a part named claim/);
  });

  it('leaves a part ungated when it stands alone, and passes a missing jsonb as NULL', () => {
    const statement = new WriteStatement();
    expect(WriteStatement.gated(null)).toBe('');
    expect(statement.json(undefined)).toBe('$1::jsonb');
  });
});
