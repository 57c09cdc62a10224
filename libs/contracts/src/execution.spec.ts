import { ACTION_TYPES } from './domain';
import { ACTION_CREATES, actionTypesCreating } from './execution';

describe('ACTION_CREATES', () => {
  it('says what every action type creates', () => {
    for (const actionType of ACTION_TYPES) expect(ACTION_CREATES[actionType].length).toBeGreaterThan(0);
  });

  it('finds the action types that make HubSpot tasks and Calendar meetings', () => {
    expect(actionTypesCreating('hubspot_task').sort()).toEqual(['create_task', 'cs_health_check', 'risk_escalation']);
    expect(actionTypesCreating('calendar_event')).toEqual(['book_meeting']);
    expect(actionTypesCreating('gmail_draft')).toContain('newsletter_draft');
  });
});
