import { assertResolved, unresolvedIn } from './draft-guard';
import { fill } from './fill';
import { clean, fitToLength } from './text';

describe('draft guard', () => {
  it.each(['Hi {{first}},', 'Hi ${first},', 'Hi undefined,', 'Deal: null', 'ARR: $NaN', 'open {{', 'close }}'])('catches %j', (text) => {
    expect(() => assertResolved({ subject: 'ok', text }, 'email for move m1')).toThrow(/^Draft email for move m1 has unresolved text ".+" in its text$/);
  });

  it.each(['Hi Nan,', 'nullable fields', 'the deal was annulled', 'Null Island Ltd', 'costs $5 {not a placeholder}'])('lets %j through', (text) => {
    expect(unresolvedIn(text)).toBeNull();
  });
});

describe('fill', () => {
  it('fills known keys once and leaves unknown ones for the guard', () => {
    expect(fill('Hi {{first}}, from {{sender}}', { first: '{{sender}}', sender: 'Casey' })).toBe('Hi {{sender}}, from Casey');
    expect(fill('Hi {{constructor}}', {})).toBe('Hi {{constructor}}');
  });
});

describe('clean', () => {
  it('makes one tidy line and treats unusable text as unknown', () => {
    expect(clean('  Priya\r\n\tRaman \u0007 ')).toBe('Priya Raman');
    expect(clean('null')).toBeNull();
    expect(clean('Hello {{name}}')).toBeNull();
    expect(clean('   ')).toBeNull();
    expect(clean(42)).toBeNull();
  });
});

describe('fitToLength', () => {
  it('cuts on a word boundary with an ellipsis and never exceeds the limit', () => {
    expect(fitToLength('short', 10)).toBe('short');
    expect(fitToLength('one two three four', 12)).toBe('one two…');
    expect(fitToLength('abcdefghijklmnop', 8)).toBe('abcdefg…');
    expect(fitToLength('a, b, c, d, e', 6)).toBe('a, b…');
    expect(fitToLength('a-nullable', 7)).toBe('a…');
  });

  it('never splits an emoji', () => {
    const cut = fitToLength('😀😀😀😀', 4);
    expect(cut).toBe('😀…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});
