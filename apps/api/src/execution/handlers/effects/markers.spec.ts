import { calendarEventId, draftMessageId, executionIdOfEventId, executionIdOfMessageId } from './markers';

describe('draft Message-IDs', () => {
  const executionId = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('name the execution that made the draft, whatever the sender domain', () => {
    expect(executionIdOfMessageId(draftMessageId(executionId, 'founder@caseyos-demo.test'))).toBe(executionId);
    expect(executionIdOfMessageId(` ${draftMessageId(executionId, 'x')} `)).toBe(executionId);
  });

  it('are not read into anything else', () => {
    expect(executionIdOfMessageId('<CAF=abc@mail.gmail.com>')).toBeNull();
    expect(executionIdOfMessageId('<0f8fad5bd9cb469fa16570867728950e.other@x.test>')).toBeNull();
    expect(executionIdOfMessageId('0f8fad5bd9cb469fa16570867728950e.caseyos@x.test')).toBeNull();
  });
});

describe('Calendar event ids', () => {
  it('name the execution that inserted the event, and nothing else', () => {
    const executionId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(executionIdOfEventId(calendarEventId(executionId))).toBe(executionId);
    expect(executionIdOfEventId('abc123')).toBeNull();
    expect(executionIdOfEventId(`x${calendarEventId(executionId)}`)).toBeNull();
  });
});
