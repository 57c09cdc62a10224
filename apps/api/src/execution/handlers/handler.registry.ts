import { ACTION_TYPES, ActionType } from '@caseyos/contracts';
import { CompleteRegistry } from '../../platform/registry/complete-registry';
import type { ExecutionHandler } from './execution-handler';

/** One handler per action type, checked when the app starts: a gap is a start-up failure, not a stuck move. */
export class ExecutionHandlerRegistry extends CompleteRegistry<ActionType, ExecutionHandler> {
  constructor(handlers: ExecutionHandler[]) {
    super(handlers, ACTION_TYPES, (handler) => handler.actionType, { item: 'execution handler', key: 'action type' });
  }
}
