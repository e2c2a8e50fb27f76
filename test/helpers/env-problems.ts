import { expect } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadEnv } from '../../src/config/env.js';

/** What loadEnv says about these variables: its ConfigError message, or '' when they are valid. */
export function envProblems(vars: Record<string, string>): string {
  try {
    loadEnv(vars);
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
}
