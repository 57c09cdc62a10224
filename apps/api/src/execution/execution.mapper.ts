import type { ExecutionStatusView, ExecutionView } from '@caseyos/contracts';
import type { Execution } from './entities/execution.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toExecutionView(execution: Execution, reversible: boolean): ExecutionView {
  return {
    id: execution.id,
    item_id: execution.itemId,
    domain: execution.domain,
    action_type: execution.actionType,
    title: execution.title,
    contact_email: execution.contactEmail,
    status: execution.status,
    dry_run: execution.dryRun,
    idempotency_key: execution.idempotencyKey,
    request_hash: execution.requestHash,
    plan: execution.plan,
    result: execution.result,
    error: execution.error,
    attempts: execution.attempts,
    actor: execution.actor,
    reversible,
    run_at: iso(execution.runAt),
    created_at: execution.createdAt.toISOString(),
    started_at: iso(execution.startedAt),
    finished_at: iso(execution.finishedAt),
    rolled_back_at: iso(execution.rolledBackAt),
  };
}

export function toStatusView(execution: Execution): ExecutionStatusView {
  return { id: execution.id, status: execution.status, attempts: execution.attempts, finished_at: iso(execution.finishedAt), error: execution.error };
}
