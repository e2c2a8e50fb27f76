import { describe, expect, it } from 'vitest';
import { chatCompletion } from '../../src/replies/llm/chat-completions.js';
import { completeWithRetry } from '../../src/replies/llm/complete-with-retry.js';
import { LlmError } from '../../src/replies/llm/llm-error.js';
import { FAKE_LLM_KEY, rateLimited, serverError, fakeLlm } from './fake-llm.js';

const fake = fakeLlm;
const req = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hello' }], maxTokens: 100, temperature: 0.4 };
const ep = (f: { baseUrl: string }, apiKey = FAKE_LLM_KEY) => ({ baseUrl: f.baseUrl, apiKey, fetch: globalThis.fetch });
const signal = () => AbortSignal.timeout(5000);

describe('Chat Completions client (real HTTP against a local fake of the API)', () => {
  it('reads a JSON completion and its usage', async () => {
    const f = await fake();
    f.answer({ kind: 'json', text: 'Hi {name}!', usage: { prompt_tokens: 120, completion_tokens: 4 }, model: 'gpt-4o-mini-2024-07-18' });
    const c = await chatCompletion(ep(f), req, { signal: signal() });
    expect(c).toEqual({ text: 'Hi {name}!', finishReason: 'stop', model: 'gpt-4o-mini-2024-07-18', usage: { promptTokens: 120, completionTokens: 4, estimated: false } });
    expect(f.requests[0]).toMatchObject({ authorization: `Bearer ${FAKE_LLM_KEY}`, body: { model: 'gpt-4o-mini', max_tokens: 100, temperature: 0.4 } });
    expect(f.requests[0]!.body.stream).toBeUndefined();
  });

  it('streams: every delta reaches onDelta, usage comes from the final chunk, [DONE] ends it', async () => {
    const f = await fake();
    f.answer({ kind: 'stream', chunks: ['Hi ', '{name}', ', sorry!'], usage: { prompt_tokens: 90, completion_tokens: 5 } });
    const seen: string[] = [];
    const c = await chatCompletion(ep(f), req, { signal: signal(), onDelta: (s) => seen.push(s) });
    expect(seen).toEqual(['Hi ', 'Hi {name}', 'Hi {name}, sorry!']);
    expect(c.usage).toEqual({ promptTokens: 90, completionTokens: 5, estimated: false });
    expect(f.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('estimates tokens when the endpoint reports no usage, and says they are estimates', async () => {
    const f = await fake();
    f.answer({ kind: 'stream', chunks: ['abcd', 'efgh'], usage: null });
    const c = await chatCompletion(ep(f), req, { signal: signal(), onDelta: () => {} });
    expect(c.usage).toEqual({ promptTokens: 2, completionTokens: 2, estimated: true });
  });

  it('maps 401, 429 (with Retry-After), 500 and other 4xx to error kinds', async () => {
    const f = await fake();
    await expect(chatCompletion(ep(f, 'sk-wrong-key-000000'), req, { signal: signal() })).rejects.toMatchObject({ kind: 'auth', opts: { status: 401 } });
    f.answer(rateLimited(7), serverError, { kind: 'error', status: 400, type: 'invalid_request_error', code: 'context_length_exceeded', message: 'too long' });
    await expect(chatCompletion(ep(f), req, { signal: signal() })).rejects.toMatchObject({ kind: 'rate_limited', opts: { status: 429, retryAfterMs: 7000 } });
    await expect(chatCompletion(ep(f), req, { signal: signal() })).rejects.toMatchObject({ kind: 'server', opts: { status: 500 } });
    await expect(chatCompletion(ep(f), req, { signal: signal() })).rejects.toMatchObject({ kind: 'refused', opts: { status: 400 } });
  });

  it('a hang is cut by the deadline as a timeout', async () => {
    const f = await fake();
    f.answer({ kind: 'hang' });
    const started = Date.now();
    await expect(completeWithRetry(ep(f), req, { deadline: Date.now() + 800, now: Date.now })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('retries a 429 after its Retry-After and a 500 after a backoff, within the deadline', async () => {
    const f = await fake();
    f.answer(rateLimited(1), serverError, { kind: 'json', text: 'third time lucky' });
    const waits: number[] = [];
    const c = await completeWithRetry(ep(f), req, { deadline: Date.now() + 10_000, now: Date.now, sleep: async (ms) => void waits.push(ms) });
    expect(c.text).toBe('third time lucky');
    expect(waits).toEqual([1000, 800]);
    expect(f.requests).toHaveLength(3);
  });

  it('gives up at once on a refused key, and on a Retry-After longer than the time left', async () => {
    const f = await fake();
    await expect(completeWithRetry(ep(f, 'sk-wrong-key-000000'), req, { deadline: Date.now() + 10_000, now: Date.now })).rejects.toMatchObject({ kind: 'auth' });
    expect(f.requests).toHaveLength(1);
    f.answer(rateLimited(30));
    const err = await completeWithRetry(ep(f), req, { deadline: Date.now() + 5000, now: Date.now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect(err).toMatchObject({ kind: 'rate_limited', opts: { retryAfterMs: 30_000 } });
    expect(f.requests).toHaveLength(2);
  });
});
