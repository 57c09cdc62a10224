import { evidenceKeyOf } from './evidence-key';

describe('evidenceKeyOf', () => {
  it('is the same whatever the order of the fields, and leaves out empty ones', () => {
    const key = evidenceKeyOf({ signal_id: 's-1', message_id: 'm-1', note: '  ' });
    expect(key).toBe('message_id=m-1&signal_id=s-1');
    expect(evidenceKeyOf({ message_id: 'm-1', signal_id: 's-1' })).toBe(key);
  });

  it('encodes values, so a value cannot pose as another field', () => {
    expect(evidenceKeyOf({ note: 'a&task_id=1' })).toBe('note=a%26task_id%3D1');
    expect(evidenceKeyOf({ note: 'a&task_id=1' })).not.toBe(evidenceKeyOf({ note: 'a', task_id: '1' }));
  });

  it('trims, so a stray space does not make a second outcome', () => {
    expect(evidenceKeyOf({ note: 'Called her ' })).toBe(evidenceKeyOf({ note: 'Called her' }));
  });

  it('hashes long evidence to a fixed length, still canonical', () => {
    const note = 'x'.repeat(2000);
    const key = evidenceKeyOf({ note, reported_at: '2026-01-01T00:00:00.000Z' });
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(evidenceKeyOf({ reported_at: '2026-01-01T00:00:00.000Z', note })).toBe(key);
    expect(evidenceKeyOf({ note: `${note}y` })).not.toBe(key);
  });

  it('of no evidence is the empty key', () => {
    expect(evidenceKeyOf({})).toBe('');
  });
});
