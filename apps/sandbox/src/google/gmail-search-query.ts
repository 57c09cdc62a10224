import type { GmailMessage } from '../world/gmail-records';
import { headerValue, plainText } from '../world/mime-message';

export type MessagePredicate = (message: GmailMessage) => boolean;

const DAY = 86_400_000;
const UNIT_MS: Record<string, number> = { d: DAY, m: 30 * DAY, y: 365 * DAY };

const includes = (haystack: string | undefined, needle: string) => (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
const hasLabel = (message: GmailMessage, label: string) => message.labelIds.some((l) => l.toLowerCase() === label.toLowerCase());

/** Gmail's after:/before: take YYYY/MM/DD (read as UTC here) or epoch seconds. */
function parseDate(value: string): number {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const [year, month, day] = value.split(/[/-]/).map(Number);
  return Date.UTC(year, (month ?? 1) - 1, day ?? 1);
}

function relativeAge(value: string): number {
  const match = /^(\d+)([dmy])$/.exec(value);
  return match ? Number(match[1]) * UNIT_MS[match[2]] : Number.NaN;
}

function term(operator: string | undefined, value: string, now: number): MessagePredicate {
  switch (operator) {
    case 'from':
      return (m) => includes(headerValue(m.payload, 'From'), value);
    case 'to':
      return (m) => ['To', 'Cc', 'Bcc'].some((h) => includes(headerValue(m.payload, h), value));
    case 'cc':
    case 'bcc':
      return (m) => includes(headerValue(m.payload, operator), value);
    case 'subject':
      return (m) => includes(headerValue(m.payload, 'Subject'), value);
    case 'in':
      if (value === 'anywhere') return () => true;
      return (m) => hasLabel(m, value === 'drafts' ? 'DRAFT' : value);
    case 'label':
      return (m) => hasLabel(m, value);
    case 'is':
      if (value === 'read') return (m) => !hasLabel(m, 'UNREAD');
      return (m) => hasLabel(m, value);
    case 'newer_than':
      return (m) => m.internalDate > now - relativeAge(value);
    case 'older_than':
      return (m) => m.internalDate < now - relativeAge(value);
    case 'after':
      return (m) => m.internalDate >= parseDate(value);
    case 'before':
      return (m) => m.internalDate < parseDate(value);
    case 'rfc822msgid':
      return (m) => (headerValue(m.payload, 'Message-ID') ?? '').replace(/[<>]/g, '') === value.replace(/[<>]/g, '');
    default: {
      const text = operator ? `${operator}:${value}` : value;
      return (m) => [headerValue(m.payload, 'Subject'), headerValue(m.payload, 'From'), plainText(m.payload)].some((field) => includes(field, text));
    }
  }
}

/**
 * The subset of Gmail's search syntax a connector needs: from/to/cc/bcc/subject, in/label/is,
 * newer_than/older_than/after/before, rfc822msgid, free words and "-" negation; all terms must hold.
 */
export function parseGmailQuery(q: string | undefined, now: number): MessagePredicate {
  const predicates: MessagePredicate[] = [];
  for (const match of (q ?? '').matchAll(/(-?)(?:([a-z_0-9]+):)?("[^"]*"|\S+)/gi)) {
    const [, negated, operator, rawValue] = match;
    const predicate = term(operator?.toLowerCase(), rawValue.replace(/^"|"$/g, ''), now);
    predicates.push(negated ? (m) => !predicate(m) : predicate);
  }
  return (message) => predicates.every((p) => p(message));
}
