import { breakerOpenCheck } from './breaker-open.alert';
import { executionFailureRateCheck } from './execution-failure-rate.alert';

describe('breakerOpenCheck', () => {
  it('fires while some process has an action type’s breaker open, naming it', () => {
    const check = breakerOpenCheck({ send_email: 2, create_task: 0 });
    expect(check.firing).toBe(true);
    expect(check.detail).toContain('send_email (2 processes)');
    expect(check.detail).not.toContain('create_task');
  });

  it('does not fire when every breaker is closed', () => {
    expect(breakerOpenCheck({ send_email: 0 }).firing).toBe(false);
    expect(breakerOpenCheck({}).firing).toBe(false);
  });
});

describe('executionFailureRateCheck (failures above 10% over 15 minutes)', () => {
  it('fires above 10%', () => {
    expect(executionFailureRateCheck(20, 3).firing).toBe(true);
    expect(executionFailureRateCheck(20, 3).detail).toContain('3 of 20 executions (15.0%)');
  });

  it('does not fire at 10% or below', () => {
    expect(executionFailureRateCheck(20, 2).firing).toBe(false);
    expect(executionFailureRateCheck(20, 0).firing).toBe(false);
  });

  it('needs enough finished executions to call it a rate', () => {
    expect(executionFailureRateCheck(4, 4).firing).toBe(false);
    expect(executionFailureRateCheck(5, 1).firing).toBe(true);
  });
});
