import { Injectable } from '@nestjs/common';
import { BrokenCircuitError, ConsecutiveBreaker, TaskCancelledError, TimeoutStrategy, circuitBreaker, handleWhen, retry, timeout, wrap } from 'cockatiel';
import OpenAI, { APIConnectionError, APIError } from 'openai';
import { retryAfterAwareBackoff } from '../../platform/resilience/retry-backoff';
import { DraftingSettings } from '../drafting-settings';
import type { AssetDraft } from '../templates/asset-templates';
import { CHANNELS, type Channel } from '../templates/asset-channels';
import type { EmailDraft } from '../templates/email-templates';
import type { DraftByKind, DraftKind, DraftRequest, DraftWriter } from './draft-writer';
import { promptFor } from './llm-prompt';
import { TemplateDraftWriter } from './template.writer';

/** Why the model's draft was not used, in words safe for logs and the plan (never its text). */
export class LlmDraftError extends Error {}

/** Keys a model might add to move the message elsewhere: their presence alone rejects the draft. */
const ADDRESSING_KEYS = ['to', 'cc', 'bcc', 'recipient', 'recipients', 'from', 'reply_to', 'send_to'];

function isTransient(error: unknown): boolean {
  if (error instanceof APIError && typeof error.status === 'number') return error.status === 429 || error.status >= 500;
  return error instanceof APIConnectionError;
}

function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof APIError) || error.status !== 429) return undefined;
  const header = (error.headers as Headers | undefined)?.get?.('retry-after');
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Drafts through any OpenAI-compatible chat-completions endpoint (LLM_BASE_URL, LLM_MODEL,
 * LLM_API_KEY). Emails and marketing assets only: tasks and calendar events are internal notes
 * and agendas the templates write well. One deadline for the call and its retries, transient
 * failures retried as executions retry theirs, a breaker over consecutive failures; any failure
 * is thrown as an LlmDraftError for the drafting service to fall back on.
 */
@Injectable()
export class LlmDraftWriter implements DraftWriter {
  readonly name = 'llm' as const;
  private readonly client: OpenAI | null;
  private readonly breaker;

  constructor(
    private readonly settings: DraftingSettings,
    private readonly template: TemplateDraftWriter,
  ) {
    this.client = settings.LLM_BASE_URL
      ? new OpenAI({
          baseURL: settings.LLM_BASE_URL,
          apiKey: settings.LLM_API_KEY ?? 'not-needed',
          maxRetries: 0,
          timeout: settings.LLM_TIMEOUT_SECONDS * 1000,
        })
      : null;
    this.breaker = circuitBreaker(
      handleWhen((error) => isTransient(error) || error instanceof TaskCancelledError),
      { halfOpenAfter: settings.LLM_BREAKER_OPEN_SECONDS * 1000, breaker: new ConsecutiveBreaker(settings.LLM_BREAKER_FAILURES) },
    );
  }

  /** Configured, and this kind of draft is one it writes. */
  writes(kind: DraftKind): kind is 'email' | 'asset' {
    return this.client !== null && (kind === 'email' || kind === 'asset');
  }

  async write<K extends DraftKind>(kind: K, request: DraftRequest): Promise<DraftByKind[K]> {
    return this.rewrite(kind, request, await this.template.write(kind, request));
  }

  /** The template's draft (the reference) rewritten in the voice. */
  async rewrite<K extends DraftKind>(kind: K, request: DraftRequest, reference: DraftByKind[K]): Promise<DraftByKind[K]> {
    if (!this.writes(kind)) throw new LlmDraftError(`the language model does not write ${kind} drafts`);
    const content = await this.complete(promptFor(kind, request, reference as EmailDraft | AssetDraft));
    const answer = parseAnswer(content);
    return (kind === 'email' ? emailOf(answer) : assetOf(answer, reference as AssetDraft)) as DraftByKind[K];
  }

  private async complete(messages: ReturnType<typeof promptFor>): Promise<string> {
    const { settings } = this;
    const timeoutMs = settings.LLM_TIMEOUT_SECONDS * 1000;
    const retries = retry(handleWhen(isTransient), {
      maxAttempts: settings.LLM_MAX_RETRIES,
      backoff: retryAfterAwareBackoff(settings.LLM_RETRY_BASE_MS, timeoutMs, retryAfterMsOf),
    });
    const deadline = timeout(timeoutMs, TimeoutStrategy.Aggressive);
    try {
      const completion = await wrap(this.breaker, deadline, retries).execute(({ signal }) =>
        this.client!.chat.completions.create({ model: settings.LLM_MODEL, messages, temperature: 0.4 }, { signal }),
      );
      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== 'string' || content.trim() === '') throw new LlmDraftError('the model answered with no text');
      return content;
    } catch (error) {
      if (error instanceof LlmDraftError) throw error;
      if (error instanceof TaskCancelledError) throw new LlmDraftError(`the model gave no answer within ${settings.LLM_TIMEOUT_SECONDS} s`);
      if (error instanceof BrokenCircuitError) throw new LlmDraftError('the model failed repeatedly; its breaker is open');
      if (error instanceof APIError && typeof error.status === 'number') throw new LlmDraftError(`the model endpoint answered ${error.status}`);
      if (error instanceof APIConnectionError) throw new LlmDraftError('the model endpoint could not be reached');
      throw new LlmDraftError('the model call failed');
    }
  }
}

/** The JSON object of the answer (a model may wrap it in a code fence or a sentence). */
function parseAnswer(content: string): Record<string, unknown> {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  let parsed: unknown;
  try {
    parsed = start >= 0 && end > start ? JSON.parse(content.slice(start, end + 1)) : null;
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new LlmDraftError('the model answered without the JSON object asked for');
  const answer = parsed as Record<string, unknown>;
  const addressing = Object.keys(answer).find((key) => ADDRESSING_KEYS.includes(key.toLowerCase()));
  if (addressing) throw new LlmDraftError(`the model tried to set "${addressing}": a draft's recipient is not the model's to choose`);
  return answer;
}

function text(answer: Record<string, unknown>, key: string): string {
  const value = answer[key];
  if (typeof value !== 'string' || value.trim() === '') throw new LlmDraftError(`the model's answer has no ${key}`);
  return value.trim();
}

function emailOf(answer: Record<string, unknown>): EmailDraft {
  return { subject: text(answer, 'subject').replace(/\s+/g, ' '), text: text(answer, 'body') };
}

function assetOf(answer: Record<string, unknown>, reference: AssetDraft): AssetDraft {
  const given = typeof answer.variants === 'object' && answer.variants !== null ? (answer.variants as Record<string, unknown>) : {};
  const variants = reference.variants?.map((variant) => {
    const body = given[variant.channel];
    return typeof body === 'string' && body.trim() !== '' ? { ...variant, body: body.trim() } : variant;
  });
  const channel = reference.channel as Channel;
  return {
    channel,
    title: text(answer, 'title').replace(/\s+/g, ' '),
    body: text(answer, 'body'),
    maxLength: CHANNELS[channel]?.maxLength ?? reference.maxLength,
    ...(variants ? { variants } : {}),
  };
}
