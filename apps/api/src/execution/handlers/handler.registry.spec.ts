import { ACTION_CREATES, ACTION_TYPES, ActionType } from '@caseyos/contracts';
import type { ExecutionHandler } from './execution-handler';
import { ExecutionHandlerRegistry } from './handler.registry';

const handler = (actionType: ActionType) => ({ actionType, creates: ACTION_CREATES[actionType], reversible: true }) as ExecutionHandler;

describe('ExecutionHandlerRegistry', () => {
  it('holds one handler per action type', () => {
    const registry = new ExecutionHandlerRegistry(ACTION_TYPES.map(handler));
    for (const actionType of ACTION_TYPES) expect(registry.for(actionType).actionType).toBe(actionType);
  });

  it('refuses to start when an action type has no handler, naming it', () => {
    expect(() => new ExecutionHandlerRegistry(ACTION_TYPES.filter((t) => t !== 'book_meeting').map(handler))).toThrow(
      /No execution handler for action type\(s\): book_meeting/,
    );
  });

  it('refuses a handler that creates other objects than ACTION_CREATES says', () => {
    const wrong = { ...handler('create_task'), creates: ['gmail_draft'] } as ExecutionHandler;
    expect(() => new ExecutionHandlerRegistry([...ACTION_TYPES.filter((t) => t !== 'create_task').map(handler), wrong])).toThrow(
      /The create_task handler creates gmail_draft, but ACTION_CREATES says hubspot_task/,
    );
  });

  it('refuses two handlers for one action type', () => {
    expect(() => new ExecutionHandlerRegistry([...ACTION_TYPES.map(handler), handler('social_post')])).toThrow(
      /Two execution handlers for action type "social_post"/,
    );
  });
});
