import { deadLettersCheck } from './dead-letters.alert';

describe('deadLettersCheck (the dead-letter queue grows)', () => {
  it('fires when detections became dead letters within the window', () => {
    const check = deadLettersCheck(2, 7);
    expect(check.firing).toBe(true);
    expect(check.detail).toContain('2 outcome detections failed every try');
    expect(check.detail).toContain('7 dead letters in all');
  });

  it('does not fire for old dead letters alone', () => {
    expect(deadLettersCheck(0, 7).firing).toBe(false);
  });
});
