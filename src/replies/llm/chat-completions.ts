import { z } from 'zod';
import { LlmError, retryAfterMs } from './llm-error.js';
import { sseData } from './sse.js';

export interface TChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TChatRequest {
  model: string;
  messages: TChatMessage[];
  maxTokens: number;
  temperature: number;
}

export interface TCompletion {
  text: string;
  /** "stop", "length", … as the endpoint said; null when it did not. */
  finishReason: string | null;
  /** The model that answered (endpoints may resolve an alias), else the one asked for. */
  model: string;
  usage: { promptTokens: number; completionTokens: number; estimated: boolean };
}

export interface TChatEndpoint {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
}

const ZUsage = z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).passthrough();
const ZCompletion = z
  .object({
    model: z.string().optional(),
    choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }).passthrough(), finish_reason: z.string().nullable().optional() }).passthrough()).min(1),
    usage: ZUsage.nullable().optional(),
  })
  .passthrough();
const ZChunk = z
  .object({
    model: z.string().optional(),
    choices: z.array(z.object({ delta: z.object({ content: z.string().nullable().optional() }).passthrough().optional(), finish_reason: z.string().nullable().optional() }).passthrough()).default([]),
    usage: ZUsage.nullable().optional(),
  })
  .passthrough();
const ZErrorBody = z.object({ error: z.object({ message: z.string().optional(), type: z.string().nullable().optional(), code: z.union([z.string(), z.number()]).nullable().optional() }).passthrough() }).passthrough();

/** Rough tokens for endpoints that report no usage: about four characters a token in English. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * One call to `POST {base}/chat/completions` (OpenAI's contract, which compatible servers follow). With `onDelta`
 * the answer is streamed (SSE, `data: [DONE]` at the end, usage from `stream_options.include_usage`) and `onDelta`
 * gets the text so far after every chunk. No retries here: the draft service decides, within its deadline.
 * @throws LlmError — auth (401/403), rate_limited (429, with Retry-After), server (5xx), refused (other 4xx),
 *   timeout (the signal fired), network, bad_response (not the documented shape, or no text).
 */
export async function chatCompletion(ep: TChatEndpoint, req: TChatRequest, opts: { signal: AbortSignal; onDelta?: (soFar: string) => void; now?: () => number }): Promise<TCompletion> {
  const stream = !!opts.onDelta;
  const body = {
    model: req.model,
    messages: req.messages,
    max_tokens: req.maxTokens,
    temperature: req.temperature,
    ...(stream && { stream: true, stream_options: { include_usage: true } }),
  };
  let res: Response;
  try {
    res = await ep.fetch(`${ep.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ep.apiKey}`, accept: stream ? 'text/event-stream' : 'application/json' },
      body: JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    throw failure(err, opts.signal);
  }
  if (!res.ok) throw await httpError(res, (opts.now ?? Date.now)());
  try {
    return stream ? await readStream(res, req, opts.onDelta!) : await readJson(res, req);
  } catch (err) {
    throw failure(err, opts.signal);
  }
}

async function readJson(res: Response, req: TChatRequest): Promise<TCompletion> {
  const parsed = ZCompletion.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new LlmError('bad_response', 'the completion did not have the documented shape');
  const choice = parsed.data.choices[0]!;
  const text = choice.message.content ?? '';
  return finish(text, choice.finish_reason ?? null, parsed.data.model, parsed.data.usage ?? null, req);
}

async function readStream(res: Response, req: TChatRequest, onDelta: (soFar: string) => void): Promise<TCompletion> {
  if (!res.body) throw new LlmError('bad_response', 'the stream had no body');
  let text = '';
  let finishReason: string | null = null;
  let model: string | undefined;
  let usage: z.infer<typeof ZUsage> | null = null;
  for await (const data of sseData(res.body)) {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new LlmError('bad_response', 'a stream event was not JSON');
    }
    const err = ZErrorBody.safeParse(json);
    if (err.success) throw new LlmError('server', `the stream reported an error: ${err.data.error.message ?? err.data.error.type ?? 'unknown'}`);
    const chunk = ZChunk.safeParse(json);
    if (!chunk.success) throw new LlmError('bad_response', 'a stream event did not have the documented shape');
    model ??= chunk.data.model;
    if (chunk.data.usage) usage = chunk.data.usage;
    for (const c of chunk.data.choices) {
      if (c.finish_reason) finishReason = c.finish_reason;
      if (c.delta?.content) {
        text += c.delta.content;
        onDelta(text);
      }
    }
  }
  return finish(text, finishReason, model, usage, req);
}

function finish(text: string, finishReason: string | null, model: string | undefined, usage: z.infer<typeof ZUsage> | null, req: TChatRequest): TCompletion {
  if (!text.trim()) throw new LlmError('bad_response', 'the completion held no text');
  return {
    text,
    finishReason,
    model: model ?? req.model,
    usage: usage
      ? { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, estimated: false }
      : { promptTokens: estimateTokens(req.messages.map((m) => m.content).join('\n')), completionTokens: estimateTokens(text), estimated: true },
  };
}

async function httpError(res: Response, now: number): Promise<LlmError> {
  const body = ZErrorBody.safeParse(await res.json().catch(() => null));
  const detail = body.success ? `${body.data.error.type ?? ''} ${body.data.error.code ?? ''}: ${body.data.error.message ?? ''}`.trim() : res.statusText;
  const message = `HTTP ${res.status} ${detail}`.trim();
  const status = res.status;
  if (status === 401 || status === 403) return new LlmError('auth', message, { status });
  if (status === 429) return new LlmError('rate_limited', message, { status, ...withRetry(retryAfterMs(res.headers, now)) });
  if (status >= 500) return new LlmError('server', message, { status, ...withRetry(retryAfterMs(res.headers, now)) });
  return new LlmError('refused', message, { status });
}

const withRetry = (ms: number | undefined) => (ms === undefined ? {} : { retryAfterMs: ms });

function failure(err: unknown, signal: AbortSignal): LlmError {
  if (err instanceof LlmError) return err;
  if (signal.aborted) return new LlmError('timeout', 'the deadline passed');
  return new LlmError('network', err instanceof Error ? err.message : String(err));
}
