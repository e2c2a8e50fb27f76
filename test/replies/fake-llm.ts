import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export const FAKE_LLM_KEY = 'sk-test-earshot-0123456789abcdef';

/** How the fake answers one request, in the order queued; the default answer is a short, clean draft. */
export type TFakeAnswer =
  | { kind: 'json'; text: string; usage?: { prompt_tokens: number; completion_tokens: number } | null; model?: string; finish?: string }
  | { kind: 'stream'; chunks: string[]; usage?: { prompt_tokens: number; completion_tokens: number } | null; gapMs?: number; model?: string }
  | { kind: 'error'; status: number; type: string; code: string | null; message: string; headers?: Record<string, string> }
  /** Accepts the request and never answers (the client's deadline must cut it). */
  | { kind: 'hang' }
  /** Answers after a delay. */
  | { kind: 'slow'; ms: number; text: string };

export interface TFakeRequest {
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; max_tokens?: number; temperature?: number; stream?: boolean; stream_options?: { include_usage?: boolean } };
}

const DEFAULT_TEXT = "Hi {name}, sorry about this. We're looking into it now and will update you here shortly.";

/**
 * A local stand-in for an OpenAI-compatible Chat Completions endpoint, to OpenAI's documented contract:
 * `POST /v1/chat/completions` with a Bearer key (401 `invalid_api_key` otherwise), JSON answers
 * `{id, object: "chat.completion", model, choices:[{index, message:{role, content}, finish_reason}], usage}`,
 * SSE streams of `chat.completion.chunk` objects ending with `data: [DONE]` (usage in a final chunk with empty
 * choices when `stream_options.include_usage`), and error bodies `{"error":{"message","type","param","code"}}` with
 * `Retry-After` / `x-ratelimit-*` on 429.
 */
export async function startFakeLlm() {
  const requests: TFakeRequest[] = [];
  const queue: TFakeAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  let seq = 0;

  const sendError = (res: ServerResponse, a: Extract<TFakeAnswer, { kind: 'error' }>) => {
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(JSON.stringify({ error: { message: a.message, type: a.type, param: null, code: a.code } }));
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await new Promise<string>((r) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString('utf8')));
      req.on('end', () => r(s));
    });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendError(res, { kind: 'error', status: 404, type: 'invalid_request_error', code: 'unknown_url', message: `Unknown request URL: ${req.method} ${req.url}` });
    }
    const body = JSON.parse(raw) as TFakeRequest['body'];
    requests.push({ authorization: req.headers.authorization, body });
    if (req.headers.authorization !== `Bearer ${FAKE_LLM_KEY}`) {
      return sendError(res, { kind: 'error', status: 401, type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided: sk-wr***. You can find your API key at https://platform.openai.com/account/api-keys.' });
    }
    const queued = queue.shift() ?? { kind: 'json', text: DEFAULT_TEXT };
    // The request decides the format, as with the real API: a text queued as JSON is streamed when asked to.
    const a: TFakeAnswer = queued.kind === 'json' && body.stream ? { kind: 'stream', chunks: [queued.text], ...(queued.usage !== undefined && { usage: queued.usage }), ...(queued.model && { model: queued.model }) } : queued;
    const id = `chatcmpl-${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    const model = ('model' in a && a.model) || body.model;
    const defaultUsage = (text: string) => ({ prompt_tokens: Math.ceil(JSON.stringify(body.messages).length / 4), completion_tokens: Math.ceil(text.length / 4) });
    switch (a.kind) {
      case 'error':
        return sendError(res, a);
      case 'hang':
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'slow':
        await new Promise((r) => setTimeout(r, a.ms));
        return json(res, id, created, model, a.text, 'stop', defaultUsage(a.text));
      case 'json':
        return json(res, id, created, model, a.text, a.finish ?? 'stop', a.usage === undefined ? defaultUsage(a.text) : a.usage);
      case 'stream': {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
        const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`);
        chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
        for (const piece of a.chunks) {
          if (a.gapMs) await new Promise((r) => setTimeout(r, a.gapMs));
          chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
        }
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]);
        const usage = a.usage === undefined ? defaultUsage(a.chunks.join('')) : a.usage;
        if (body.stream_options?.include_usage && usage) chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
        res.write('data: [DONE]\n\n');
        return res.end();
      }
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    baseUrl: base,
    requests,
    /** Queues the next answers. */
    answer: (...answers: TFakeAnswer[]) => void queue.push(...answers),
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function json(res: ServerResponse, id: string, created: number, model: string, text: string, finish: string, usage: { prompt_tokens: number; completion_tokens: number } | null) {
  res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining-requests': '499', 'x-ratelimit-remaining-tokens': '149000' });
  res.end(
    JSON.stringify({
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finish }],
      ...(usage && { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
    }),
  );
}

/** The env that points Earshot at the fake. */
export const llmEnv = (fake: { baseUrl: string }, extra: Record<string, string> = {}) => ({ LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: FAKE_LLM_KEY, LLM_MODEL: 'gpt-4o-mini', ...extra });

/** OpenAI's documented 429 for a rate limit, with its headers. */
export const rateLimited = (retryAfterSeconds: number): TFakeAnswer => ({
  kind: 'error',
  status: 429,
  type: 'requests',
  code: 'rate_limit_exceeded',
  message: 'Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.',
  headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${retryAfterSeconds}s` },
});
export const serverError: TFakeAnswer = { kind: 'error', status: 500, type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' };

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (started.length) await started.pop()!.close();
});

/** A fake closed after the test that started it. */
export async function fakeLlm() {
  const f = await startFakeLlm();
  started.push(f);
  return f;
}
