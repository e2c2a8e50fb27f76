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

  it('lists secret values for log redaction', () => {
    const env = loadEnv({ GENERIC_WEBHOOK_SECRET: 'a'.repeat(32) });
    expect(secretValues(env)).toContain('a'.repeat(32));
  });
});
