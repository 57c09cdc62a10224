import type { DraftAccount, RiskLevel } from './draft-context';
import { daysBetween, formatDay, formatUsd, instant, money, relativeDays } from './format';
import { clean } from './text';

const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

/** The account's health, one fact a line; what is not known is said to be unknown, never left out. */
export function healthReport(account: DraftAccount | null | undefined, company: string | null, now: Date, timeZone: string): string[] {
  const name = company ?? 'this account';
  if (!account) return [`No account facts are on record for ${name}: risk level, renewal date and ARR are unknown.`];
  const level = riskLevelOf(account);
  const factors = riskFactorLines(account);
  const renewalAt = instant(account.renewalAt);
  const arr = money(account.arrUsd);
  return [
    `Account health report for ${name}`,
    `Risk level: ${level ?? 'unknown (no risk score on record)'}`,
    ...(factors.length > 0 ? factors : ['- No risk factors on record.']),
    renewalAt
      ? `Renewal: ${formatDay(renewalAt, now, timeZone)} (${relativeDays(daysBetween(now, renewalAt, timeZone))})`
      : 'Renewal: unknown (no renewal date on record)',
    `ARR: ${arr === null ? 'unknown (no ARR on record)' : formatUsd(arr)}`,
    ...(typeof account.isCustomer === 'boolean' ? [`Customer: ${account.isCustomer ? 'yes' : 'no, not marked as a customer'}`] : []),
  ];
}

/** The account's risk level when it is a known one. */
export function riskLevelOf(account: DraftAccount | null | undefined): RiskLevel | null {
  return RISK_LEVELS.find((level) => level === account?.riskLevel) ?? null;
}

function riskFactorLines(account: DraftAccount): string[] {
  const parts: unknown[] = Array.isArray(account.riskParts) ? account.riskParts : [];
  return parts.flatMap((part) => {
    if (typeof part !== 'object' || part === null) return [];
    const factor = clean('factor' in part ? part.factor : null, 80)?.replace(/_/g, ' ');
    const detail = clean('detail' in part ? part.detail : null, 300);
    if (factor && detail) return [`- ${factor}: ${detail}`];
    const only = detail ?? factor;
    return only ? [`- ${only}`] : [];
  });
}
