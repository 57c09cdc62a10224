import type { CommandQueueMove } from '@caseyos/contracts';
import { CommandQueueItem } from './entities/command-queue-item.entity';

export function toMove(item: CommandQueueItem): CommandQueueMove {
  return {
    id: item.id,
    domain: item.domain,
    action_type: item.actionType,
    title: item.title,
    status: item.status,
    aps: item.aps,
    aps_breakdown: item.apsBreakdown,
    reasons: item.reasons,
    contact_email: item.contactEmail,
    contact_name: item.contactName,
    company: item.company,
    deal_id: item.dealId,
    deal_amount: item.dealAmount,
    due_at: item.dueAt?.toISOString() ?? null,
    snoozed_until: item.snoozedUntil?.toISOString() ?? null,
    dismiss_reason: item.dismissReason,
    signal_id: item.signalId,
    action_params: item.actionParams,
    created_at: item.createdAt.toISOString(),
    updated_at: item.updatedAt.toISOString(),
    version: item.version,
  };
}
