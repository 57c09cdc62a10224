/**
 * How an execution marks what it creates, so that a retry or the sweep can find an object an
 * attempt made although its answer never arrived. Each is derived from the execution id alone.
 */
const compact = (executionId: string) => executionId.replace(/-/g, '').toLowerCase();

/** Header on every Gmail draft an execution creates. */
export const EXECUTION_HEADER = 'X-CaseyOS-Execution';

/** The draft's RFC 822 Message-ID: Gmail search finds it with rfc822msgid:. */
export function draftMessageId(executionId: string, senderEmail: string): string {
  const domain = senderEmail.split('@')[1] || 'caseyos.local';
  return `<${compact(executionId)}.caseyos@${domain}>`;
}

const expand = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** The execution whose draft had this Message-ID (a reply names it in In-Reply-To or References); null when it is not one of ours. */
export function executionIdOfMessageId(messageId: string): string | null {
  const hex = /^<([0-9a-f]{32})\.caseyos@[^>]+>$/i.exec(messageId.trim())?.[1]?.toLowerCase();
  return hex ? expand(hex) : null;
}

/** The execution that inserted this Calendar event; null when it is not one of ours. */
export function executionIdOfEventId(eventId: string): string | null {
  const hex = /^cos([0-9a-f]{32})$/.exec(eventId)?.[1];
  return hex ? expand(hex) : null;
}

/** One alphanumeric token in the task body: HubSpot's CONTAINS_TOKEN search matches whole tokens. */
export function taskToken(executionId: string): string {
  return `caseyos${compact(executionId)}`;
}

/** Our own Calendar event id (base32hex, 5-1024 chars): a repeated insert is refused, never doubled. */
export function calendarEventId(executionId: string): string {
  return `cos${compact(executionId)}`;
}
