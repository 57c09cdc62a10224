import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { faultHook } from '../faults/fault-hook';
import type { FaultProfile } from '../faults/fault-hook';
import { SandboxHttpError } from '../http/sandbox-http-error';
import type { SandboxContext } from '../sandbox-context';
import { type ChatMessage, draftAnswer } from './draft-answer';

/** OpenAI's error body: {error: {message, type, param, code}}. */
function openAiError(status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): SandboxHttpError {
  return new SandboxHttpError(status, { error: { message, type, param: null, code } }, headers);
}

/** Seconds a rate-limited request is told to wait (short, so tests can retry through it). */
const RETRY_AFTER_SECONDS = 1;

const llmFaultProfile: FaultProfile = {
  service: 'llm',
  specialKinds: () => [],
  respond: (fault) =>
    fault.kind === 'rate_limit'
      ? openAiError(429, 'Rate limit reached for requests. Please try again in 1s.', 'requests', 'rate_limit_exceeded', {
          'retry-after': String(RETRY_AFTER_SECONDS),
        })
      : openAiError(fault.status, 'The server had an error while processing your request.', 'server_error', null),
};

function messagesOf(request: FastifyRequest): ChatMessage[] {
  const body = request.body as { model?: unknown; messages?: unknown } | null;
  const messages = body?.messages;
  if (typeof body?.model !== 'string' || !Array.isArray(messages) || messages.length === 0) {
    throw openAiError(400, 'model and a non-empty messages list are required.', 'invalid_request_error', null);
  }
  return messages.map((message: unknown) => {
    const { role, content } = (message ?? {}) as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || typeof content !== 'string')
      throw openAiError(400, 'Each message needs a role and string content.', 'invalid_request_error', null);
    return { role, content };
  });
}

/**
 * An OpenAI-compatible chat-completions endpoint (POST /v1/chat/completions) that answers
 * deterministically from the prompt (draft-answer.ts), with the faults of the `llm` service:
 * latency, 429 with Retry-After, 5xx, and two answers a real model may give: malformed output,
 * and a leaky one that sets a recipient and quotes another contact.
 */
export function chatCompletionsPlugin(ctx: SandboxContext): FastifyPluginAsync {
  return async (scope) => {
    const now = () => ctx.clock.now();
    scope.addHook('preHandler', async (request) => {
      if (!/^Bearer \S+/.test(request.headers.authorization ?? '')) {
        throw openAiError(401, 'You didn\u2019t provide an API key.', 'invalid_request_error', 'invalid_api_key');
      }
    });
    scope.addHook('preHandler', faultHook(ctx.faults, llmFaultProfile, now));
    scope.post('/v1/chat/completions', async (request) => {
      const messages = messagesOf(request);
      const model = (request.body as { model: string }).model;
      const fault = ctx.faults.take('llm', ['malformed_output', 'leaky_output'], 'POST /v1/chat/completions', now());
      const stranger = [...ctx.world.crm.contacts.values()][0];
      const content = draftAnswer(messages, {
        malformed: fault?.kind === 'malformed_output',
        leak: fault?.kind === 'leaky_output' && stranger ? { name: `${stranger.firstName} ${stranger.lastName}`, email: stranger.email } : null,
      });
      ctx.llmRequests += 1;
      return {
        id: `chatcmpl-sandbox-${ctx.llmRequests}`,
        object: 'chat.completion',
        created: Math.floor(now() / 1000),
        model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: {
          prompt_tokens: messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4), 0),
          completion_tokens: Math.ceil(content.length / 4),
          total_tokens: 0,
        },
      };
    });
  };
}
