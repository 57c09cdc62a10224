import { httpErrorRateCheck } from './http-error-rate.alert';
import { scheduledJobsFailingCheck } from './scheduled-job-failing.alert';

describe('httpErrorRateCheck (5xx above 1% over 5 minutes)', () => {
  it('fires above 1%', () => {
    const check = httpErrorRateCheck(1000, 11);
    expect(check.firing).toBe(true);
    expect(check.detail).toContain('11 of 1000');
  });

  it('does not fire at exactly 1% or below', () => {
    expect(httpErrorRateCheck(1000, 10).firing).toBe(false);
    expect(httpErrorRateCheck(1000, 0).firing).toBe(false);
  });

  it('does not fire on too little traffic to be a rate', () => {
    expect(httpErrorRateCheck(19, 19).firing).toBe(false);
    expect(httpErrorRateCheck(20, 1).firing).toBe(true);
    expect(httpErrorRateCheck(0, 0).firing).toBe(false);
  });
});

describe('scheduledJobsFailingCheck (a poller keeps failing)', () => {
  const jobs = [
    { name: 'hubspot-deals-poll', consecutiveFailures: 3, lastError: 'hubspot answered 503' },
    { name: 'gmail-replies-poll', consecutiveFailures: 2, lastError: 'timeout' },
    { name: 'calendar-poll', consecutiveFailures: 0, lastError: null },
  ];

  it('fires for the jobs at or above the threshold and names them with their last error', () => {
    const check = scheduledJobsFailingCheck(jobs, 3);
    expect(check.firing).toBe(true);
    expect(check.detail).toContain('hubspot-deals-poll failed 3 ticks in a row (last error: hubspot answered 503)');
    expect(check.detail).not.toContain('gmail-replies-poll');
  });

  it('does not fire while every streak is below the threshold', () => {
    expect(scheduledJobsFailingCheck(jobs, 4).firing).toBe(false);
    expect(scheduledJobsFailingCheck([], 1).firing).toBe(false);
  });
});
