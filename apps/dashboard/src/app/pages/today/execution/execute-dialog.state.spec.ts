import type { ExecuteFailure } from './execution-format';
import { Phase, draftLocked, outcomeUnknown, primaryStep } from './execute-dialog.state';

function failure(overrides: Partial<ExecuteFailure>): ExecuteFailure {
  return {
    status: 0,
    title: 'T',
    detail: 'D',
    guardrail: null,
    retryAfterSeconds: null,
    providerReason: null,
    providerStatus: null,
    needsNewKey: false,
    requestId: null,
    ...overrides,
  };
}

const clear = { replanning: false, problems: [] };

describe('primaryStep', () => {
  it('executes when ready, and retries after a failure, once the plan of the draft shown is in', () => {
    expect(primaryStep({ kind: 'ready' }, clear)).toBe('execute');
    expect(primaryStep({ kind: 'failed', failure: failure({ status: 429 }) }, clear)).toBe('execute');
  });

  it('waits while a dry run of the latest edit is pending or on its way (Enter in the subject included)', () => {
    expect(primaryStep({ kind: 'ready' }, { replanning: true, problems: [] })).toBe('wait');
    expect(primaryStep({ kind: 'failed', failure: failure({ status: 409 }) }, { replanning: true, problems: [] })).toBe('wait');
  });

  it('waits while the draft has problems, local or the API refusal of its dry run', () => {
    expect(primaryStep({ kind: 'ready' }, { replanning: false, problems: ['The subject must not be empty.'] })).toBe('wait');
    expect(primaryStep({ kind: 'failed', failure: failure({ status: 409 }) }, { replanning: false, problems: ['Too long'] })).toBe('wait');
  });

  it('never executes while planning or executing; closes once done', () => {
    expect(primaryStep({ kind: 'planning' }, clear)).toBe('wait');
    expect(primaryStep({ kind: 'executing' }, clear)).toBe('wait');
    expect(primaryStep({ kind: 'plan-error', message: 'x' }, clear)).toBe('wait');
    const done: Phase = { kind: 'done', execution: {} as never, replayed: false };
    expect(primaryStep(done, { replanning: true, problems: ['x'] })).toBe('close');
  });
});

describe('outcomeUnknown and draftLocked', () => {
  it('treats no answer and a bare server error as unknown, a recorded failure or a guardrail refusal as known', () => {
    expect(outcomeUnknown(failure({ status: 0 }))).toBe(true);
    expect(outcomeUnknown(failure({ status: 504 }))).toBe(true);
    expect(outcomeUnknown(failure({ status: 502, needsNewKey: true }))).toBe(false);
    expect(outcomeUnknown(failure({ status: 503, guardrail: 'circuit_breaker' }))).toBe(false);
    expect(outcomeUnknown(failure({ status: 429, guardrail: 'rate_limit' }))).toBe(false);
    expect(outcomeUnknown(failure({ status: 409 }))).toBe(false);
  });

  it('locks the draft while executing and after an unknown outcome, not otherwise', () => {
    expect(draftLocked({ kind: 'executing' })).toBe(true);
    expect(draftLocked({ kind: 'failed', failure: failure({ status: 0 }) })).toBe(true);
    expect(draftLocked({ kind: 'failed', failure: failure({ status: 500 }) })).toBe(true);
    expect(draftLocked({ kind: 'failed', failure: failure({ status: 422, needsNewKey: true }) })).toBe(false);
    expect(draftLocked({ kind: 'ready' })).toBe(false);
  });
});
