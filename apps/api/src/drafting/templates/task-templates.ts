import type { ActionType } from '@caseyos/contracts';
import type { DraftContext, RiskLevel } from './draft-context';
import { type DraftFacts, readFacts, type TaskPriority, type TaskType } from './draft-facts';
import { assertResolved } from './draft-guard';
import { daysToNextBusinessDay, instant } from './format';
import { healthReport, riskLevelOf } from './health-report';
import { summaryLines, whoOf } from './move-summary';
import { lines } from './text';

export interface TaskDraft {
  subject: string;
  body: string;
  priority: TaskPriority;
  type: TaskType;
  dueAt: Date;
}

type TaskContent = Omit<TaskDraft, 'dueAt'>;

const PRIORITY_BY_RISK: Record<RiskLevel, TaskPriority> = { low: 'LOW', medium: 'MEDIUM', high: 'HIGH' };

const TASKS: Partial<Record<ActionType, (ctx: DraftContext, facts: DraftFacts) => TaskContent>> = {
  create_task: (_ctx, facts) => ({
    subject: facts.title ?? `Follow up with ${whoOf(facts)}`,
    body: lines(...summaryLines(facts)) || 'No further details were recorded for this move.',
    priority: facts.priority ?? 'MEDIUM',
    type: facts.taskType ?? 'TODO',
  }),
  // An escalation is always urgent, whatever the move asked for.
  risk_escalation: (ctx, facts) => ({
    subject: facts.title ?? `Escalate risk at ${facts.company ?? whoOf(facts)}`,
    body: lines(
      ...summaryLines(facts),
      '',
      ...healthReport(ctx.account, facts.company, ctx.now, ctx.timeZone),
      '',
      'Next steps',
      `- Call ${whoOf(facts)} within one business day to hear the concern first-hand.`,
      '- Agree a recovery plan with the account owner and a date to check that it worked.',
    ).trimStart(),
    priority: 'HIGH',
    type: facts.taskType ?? 'TODO',
  }),
  cs_health_check: (ctx, facts) => {
    const level = riskLevelOf(ctx.account);
    return {
      subject: facts.title ?? `Health check with ${facts.company ?? whoOf(facts)}`,
      body: lines(...healthReport(ctx.account, facts.company, ctx.now, ctx.timeZone), facts.contactName && `Contact: ${facts.contactName}`),
      priority: facts.priority ?? (level ? PRIORITY_BY_RISK[level] : 'MEDIUM'),
      type: facts.taskType ?? 'CALL',
    };
  },
};

/** The CRM task a create_task, risk_escalation or cs_health_check move creates. */
export function renderTask(ctx: DraftContext): TaskDraft {
  const build = Object.hasOwn(TASKS, ctx.move.action_type) ? TASKS[ctx.move.action_type] : undefined;
  if (!build) throw new Error(`No task template for action type ${ctx.move.action_type}`);
  const task = build(ctx, readFacts(ctx.move));
  const checked = assertResolved({ subject: task.subject, body: task.body }, `task for move ${ctx.move.id}`);
  return { ...task, ...checked, dueAt: dueDate(ctx) };
}

/** The move's own due time (an overdue one becomes due now), else the next business day. */
function dueDate({ move, now, timeZone }: DraftContext): Date {
  const due = instant(move.due_at);
  if (due) return due.getTime() < now.getTime() ? now : due;
  return new Date(now.getTime() + daysToNextBusinessDay(now, timeZone) * 86_400_000);
}
