import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadEnv, secretValues, slackMode } from '../../src/config/env.js';
import { envProblems } from '../helpers/env-problems.js';

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

  describe('the Slack group', () => {
    const BOT = 'xoxb-1-2-abc';
    const APP = 'xapp-1-A0EARSHOT-123-abcdef';
    const SECRET = 'a'.repeat(32);
    const problems = envProblems;

    it('bot token + app token is Socket Mode, with no signing secret needed; + signing secret is HTTP', () => {
      expect(slackMode(loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }))).toBe('socket');
      expect(slackMode(loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET }))).toBe('socket');
      expect(slackMode(loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET }))).toBe('http');
      expect(slackMode(loadEnv({}))).toBe('off');
    });

    it('a bot token alone names both ways to finish the setup', () => {
      expect(problems({ SLACK_BOT_TOKEN: BOT })).toMatch(/SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN is set/);
    });

    it('an app token or signing secret without the bot token asks for the bot token', () => {
      expect(problems({ SLACK_APP_TOKEN: APP })).toMatch(/SLACK_BOT_TOKEN: is required when SLACK_APP_TOKEN is set/);
      expect(problems({ SLACK_SIGNING_SECRET: SECRET })).toMatch(/SLACK_BOT_TOKEN: is required when SLACK_SIGNING_SECRET is set/);
    });

    it('tokens in the wrong variable are recognised, and never echoed', () => {
      const swapped = problems({ SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: BOT });
      expect(swapped).toMatch(/SLACK_BOT_TOKEN: is an app-level token \("xapp-…"\); put it in SLACK_APP_TOKEN/);
      expect(swapped).toMatch(/SLACK_APP_TOKEN: must be an app-level token starting with "xapp-"/);
      expect(swapped).not.toContain(APP);
      expect(swapped).not.toContain(BOT);
    });

    it('the app-level token is redacted from logs like the other secrets', () => {
      expect(secretValues(loadEnv({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }))).toEqual(expect.arrayContaining([BOT, APP]));
    });
  });
});
