import { checkAuditFilters, instantToLocalTime, localTimeToInstant } from './audit-filters';

const blank = { actor: '', action: '', subjectType: '', subjectId: '', from: '', to: '' };

describe('audit filters', () => {
  it('reads a typed time in the browser zone and sends it as an ISO instant', () => {
    // Built from local components, so the expectation holds in whatever zone the tests run.
    expect(localTimeToInstant('2026-01-31T09:05')).toBe(new Date(2026, 0, 31, 9, 5).toISOString());
    expect(instantToLocalTime(new Date(2026, 0, 31, 9, 5).toISOString())).toBe('2026-01-31T09:05');
    expect(localTimeToInstant('31/01/2026 09:05')).toBeNull();
  });

  it('leaves blanks out and trims what was typed', () => {
    expect(checkAuditFilters({ ...blank, actor: ' operator:token ', action: 'contact.erased' })).toEqual({
      ok: true,
      filters: { actor: 'operator:token', action: 'contact.erased' },
    });
    expect(checkAuditFilters(blank)).toEqual({ ok: true, filters: {} });
  });

  it('refuses what the API would: an id without its type, "to" not after "from"', () => {
    expect(checkAuditFilters({ ...blank, subjectId: '42' })).toMatchObject({ ok: false, field: 'subjectType' });
    expect(checkAuditFilters({ ...blank, from: '2026-01-31T10:00', to: '2026-01-31T10:00' })).toMatchObject({ ok: false, field: 'to' });
    expect(checkAuditFilters({ ...blank, from: '2026-01-31T10:00', to: '2026-01-31T11:00' })).toEqual({
      ok: true,
      filters: { from: new Date(2026, 0, 31, 10).toISOString(), to: new Date(2026, 0, 31, 11).toISOString() },
    });
  });
});
