import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadEnv, secretValues } from '../../src/config/env.js';

describe('loadEnv', () => {
  it('starts on embedded defaults with no variables at all', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('file:./data/earshot.db');
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.GENERIC_WEBHOOK_SECRET).toBeUndefined();
  });

  it('names every bad variable and why', () => {
    try {
      loadEnv({ PORT: 'eighty', LOG_LEVEL: 'loud', GENERIC_WEBHOOK_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toMatch(/PORT:/);
      expect(msg).toMatch(/LOG_LEVEL:/);
      expect(msg).toMatch(/GENERIC_WEBHOOK_SECRET: must be at least 16 characters/);
    }
  });

  it('never echoes a secret value in its error', () => {
    const secret = 'hunter2-too-short';
    try {
      loadEnv({ GENERIC_WEBHOOK_SECRET: 'tiny-secret', PORT: secret });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('tiny-secret');
    }
  });

  it('checks the LLM group as a group: off when unset, every missing variable named once any is set', () => {
    expect(loadEnv({}).LLM_BASE_URL).toBeUndefined();
    const problems = (env: Record<string, string>) => {
      try {
        loadEnv(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return [...(err as ConfigError).problems];
      }
      return [];
    };
    expect(problems({ LLM_API_KEY: 'sk-live-secret-value-1234' })).toEqual([
      'LLM_BASE_URL: is required when LLM_API_KEY is set (set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL to enable AI drafts, none to disable them)',
      'LLM_MODEL: is required when LLM_API_KEY is set (set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL to enable AI drafts, none to disable them)',
    ]);
    const bad = problems({ LLM_BASE_URL: 'ftp://llm', LLM_API_KEY: 'sk-live-secret-value-1234', LLM_MODEL: 'gpt-4o-mini', LLM_TIMEOUT_MS: '50' });
    expect(bad.join('\n')).toMatch(/LLM_BASE_URL: must be an http\(s\) URL/);
    expect(bad.join('\n')).toMatch(/LLM_TIMEOUT_MS: /);
    expect(bad.join('\n')).not.toContain('sk-live-secret-value-1234');
    const ok = loadEnv({ LLM_BASE_URL: 'http://127.0.0.1:8080/v1', LLM_API_KEY: 'sk-live-secret-value-1234', LLM_MODEL: 'llama-3.1-8b' });
    expect(ok).toMatchObject({ LLM_TIMEOUT_MS: 20_000, REPLY_RANKING: 'encoder' });
    expect(secretValues(ok)).toContain('sk-live-secret-value-1234');
  });

  it('lists secret values for log redaction', () => {
    const env = loadEnv({ GENERIC_WEBHOOK_SECRET: 'a'.repeat(32) });
    expect(secretValues(env)).toContain('a'.repeat(32));
  });
});
