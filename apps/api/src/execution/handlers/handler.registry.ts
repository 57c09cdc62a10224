import { ACTION_CREATES, ACTION_TYPES, ActionType } from '@caseyos/contracts';
import { CompleteRegistry } from '../../platform/registry/complete-registry';
import type { ExecutionHandler } from './execution-handler';

/**
 * One handler per action type, checked when the app starts: a gap is a start-up failure, not a
 * stuck move. So is a handler creating other objects than `ACTION_CREATES` says, which outcome
 * detection relies on.
 */
export class ExecutionHandlerRegistry extends CompleteRegistry<ActionType, ExecutionHandler> {
  constructor(handlers: ExecutionHandler[]) {
    super(handlers, ACTION_TYPES, (handler) => handler.actionType, { item: 'execution handler', key: 'action type' });
    for (const handler of handlers) {
      const declared = [...ACTION_CREATES[handler.actionType]].sort();
      if (declared.join() !== [...handler.creates].sort().join()) {
        throw new Error(`The ${handler.actionType} handler creates ${handler.creates.join(', ')}, but ACTION_CREATES says ${declared.join(', ')}`);
      }
    }
  }
}
