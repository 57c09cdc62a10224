import { ManualSignalKind, SignalSource, SignalView } from '@caseyos/contracts';

export interface SourceInfo {
  label: string;
  /** SVG path data (24 × 24, stroked) of the source's icon. */
  icon: string;
}

export const SOURCES: Record<SignalSource, SourceInfo> = {
  form: { label: 'Website form', icon: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h4' },
  hubspot: { label: 'HubSpot', icon: 'M12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5M12 3v6.5M5 19l5.2-5.2M19 19l-5.2-5.2' },
  gmail: { label: 'Gmail', icon: 'M3 6h18v12H3zM3 7l9 6.5L21 7' },
  calendar: { label: 'Calendar', icon: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5' },
  manual: { label: 'Added by hand', icon: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4' },
};

// The kinds the processors produce (docs/SIGNALS.md); an unknown kind is shown in plain words.
const KIND_LABELS: Partial<Record<string, string>> = {
  demo_request: 'Demo request',
  pricing_request: 'Pricing request',
  newsletter_signup: 'Newsletter sign-up',
  contact: 'Contact form',
  deal_created: 'New deal',
  deal_advanced: 'Deal advanced',
  deal_regressed: 'Deal slipped back',
  renewal_approaching: 'Renewal approaching',
  reply_positive: 'Positive reply',
  reply_negative: 'Negative reply',
  reply_neutral: 'Reply',
  auto_reply: 'Auto-reply',
  bounce: 'Bounced email',
  meeting_booked: 'Meeting booked',
  meeting_cancelled: 'Meeting cancelled',
  note: 'Note',
  follow_up: 'Follow up',
  at_risk: 'At risk',
};

export function kindLabel(kind: string): string {
  const known = KIND_LABELS[kind];
  if (known) {
    return known;
  }
  const words = kind.replace(/[_.-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Signal';
}

/** The choices of the manual form, with what each one asks CaseyOS to do. */
export const MANUAL_KIND_OPTIONS: readonly { kind: ManualSignalKind; label: string; hint: string }[] = [
  { kind: 'note', label: 'Note', hint: 'Just record it; no move is suggested.' },
  { kind: 'follow_up', label: 'Follow up', hint: 'Suggests a sales task to follow up.' },
  { kind: 'at_risk', label: 'Account at risk', hint: 'Suggests a CS risk escalation.' },
  { kind: 'renewal_approaching', label: 'Renewal approaching', hint: 'Suggests CS renewal outreach.' },
];

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A person's name where the source carries one (each source names it differently). */
export function contactName(signal: SignalView): string | null {
  const payload = signal.payload;
  if (signal.source === 'form') {
    const fields = record(payload['fields']);
    return [text(fields['firstname']), text(fields['lastname'])].filter(Boolean).join(' ') || null;
  }
  return text(payload['contact_name']) ?? text(payload['from_name']) ?? text(payload['attendee_name']);
}

/** "Ada Lovelace · ada@example.test", falling back to what is known: email, company. */
export function contactLabel(signal: SignalView): string {
  const name = contactName(signal);
  const who = signal.contact_email ?? signal.company;
  if (name && who) {
    return `${name} · ${who}`;
  }
  return name ?? who ?? 'No contact';
}

/** One line of what the signal said: the note, the form, the subject, the stage change. */
export function signalSummary(signal: SignalView): string | null {
  const payload = signal.payload;
  switch (signal.source) {
    case 'manual':
      return text(payload['note']);
    case 'form':
      return text(payload['form_name']);
    case 'gmail':
      return text(payload['subject']);
    case 'calendar':
      return text(payload['summary']);
    case 'hubspot': {
      const renewal = text(payload['renewal_date']);
      if (renewal) {
        return `Renews ${renewal}`;
      }
      const deal = text(payload['deal_name']);
      const to = text(payload['to_stage']);
      return deal && to ? `${deal}: ${to}` : deal;
    }
  }
}
