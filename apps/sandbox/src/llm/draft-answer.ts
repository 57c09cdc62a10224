export interface ChatMessage {
  role: string;
  content: string;
}

export interface AnswerOptions {
  malformed: boolean;
  /** Another contact the answer names: a leaky model. */
  leak: { name: string; email: string } | null;
}

const EMAIL_ADDRESS = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const LINK = /\bhttps?:\/\/[^\s<>()"']+/gi;
/** "promise (us|them|me) X": what the reply asks the model to promise, up to the clause's end. */
const PROMISE = /\bpromise\s+(?:(?:us|them|me)\s+)?([^.,;\n]+)/i;

/** Does the reply tell the model to send (or forward) the message to this address? */
function redirects(inbound: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(?:send|forward)\\b[^.\\n]*\\bto\\s+${escaped}`, 'i').test(inbound);
}

function block(text: string, tag: string): string | null {
  const start = text.indexOf(`<${tag}>`);
  const end = text.indexOf(`</${tag}>`, start);
  return start >= 0 && end > start ? text.slice(start + tag.length + 2, end).trim() : null;
}

function json(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : null;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A deterministic model: it rewrites the reference draft of the prompt (CaseyOS's template draft)
 * with a line saying the sandbox model wrote it, so tests can tell its drafts apart. Like a naive
 * model it obeys the inbound reply: an address and a link there are copied into the text, so is a
 * promise it is told to make ("promise us 90% off"), and an address it is told to send the message
 * to is set as the recipient, which is what CaseyOS's checks must catch.
 */
export function draftAnswer(messages: readonly ChatMessage[], options: AnswerOptions): string {
  if (options.malformed) return 'Sure! Here is a draft you could send:\n\nSubject: Hello\n\nHi, thanks for reaching out.';
  // The data blocks are in the user's messages; the system message only names the tags.
  const prompt = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
  const reference = json(block(prompt, 'reference_draft'));
  const inbound = block(prompt, 'inbound_reply');
  const obeyed = inbound?.match(EMAIL_ADDRESS)?.[0] ?? null;
  const link = inbound?.match(LINK)?.[0] ?? null;
  const promise = inbound?.match(PROMISE)?.[1].trim() ?? null;
  const extra = [
    obeyed ? `As you asked, I have copied ${obeyed} on this.` : null,
    link ? `As you asked, here is the link: ${link}` : null,
    promise ? `As you asked, we promise you ${promise}.` : null,
    options.leak ? `${options.leak.name} (${options.leak.email}) asked about the same thing last week.` : null,
  ].filter((line): line is string => line !== null);
  const addressing = obeyed && inbound && redirects(inbound, obeyed) ? { to: obeyed } : {};

  if (typeof reference.text === 'string' && typeof reference.subject === 'string') {
    const paragraphs = reference.text.split('\n\n');
    const body = [paragraphs[0], 'Written by the sandbox model.', ...paragraphs.slice(1, -1), ...extra, paragraphs[paragraphs.length - 1]].join('\n\n');
    return JSON.stringify({ ...addressing, subject: reference.subject, body });
  }
  const variants = Array.isArray(reference.variants)
    ? Object.fromEntries(
        (reference.variants as { channel?: unknown; body?: unknown }[])
          .filter((v) => typeof v.channel === 'string' && typeof v.body === 'string')
          .map((v) => [v.channel as string, v.body as string]),
      )
    : undefined;
  const body = [typeof reference.body === 'string' ? reference.body : '', ...extra].filter(Boolean).join('\n\n');
  return JSON.stringify({ ...addressing, title: `Sandbox model: ${String(reference.title ?? 'Draft')}`, body, ...(variants ? { variants } : {}) });
}
