import { ACTION_TYPES, ActionType } from '@caseyos/contracts';
import type { ExecutionHandler } from './execution-handler';

/** One handler per action type, checked when the app starts: a gap is a start-up failure, not a stuck move. */
export class ExecutionHandlerRegistry {
  private readonly byActionType = new Map<ActionType, ExecutionHandler>();

  constructor(handlers: ExecutionHandler[]) {
    for (const handler of handlers) {
      if (this.byActionType.has(handler.actionType)) throw new Error(`Two execution handlers for action type "${handler.actionType}"`);
      this.byActionType.set(handler.actionType, handler);
    }
    const missing = ACTION_TYPES.filter((actionType) => !this.byActionType.has(actionType));
    if (missing.length > 0) throw new Error(`No execution handler for action type(s): ${missing.join(', ')}`);
  }

  for(actionType: ActionType): ExecutionHandler {
    return this.byActionType.get(actionType)!;
  }
}
