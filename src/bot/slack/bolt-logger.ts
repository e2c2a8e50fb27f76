import { LogLevel, type Logger } from '@slack/bolt';
import type { TLogger } from '../../log.js';

/**
 * Bolt's and the Web API client's logger interface on ours, so their output is JSON lines like everything else, goes
 * through the same redaction, and says where it came from (`source: "slack"`). Their varargs become one message;
 * an Error becomes its message, never a stack.
 */
export function boltLogger(log: TLogger): Logger {
  let level = LogLevel.INFO;
  const fmt = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' ');
  const fields = { source: 'slack' };
  return {
    // Bolt's debug output is per request and verbose; it follows the level Bolt is given, then ours.
    debug: (...m: unknown[]) => level === LogLevel.DEBUG && log.debug(fmt(m), fields),
    info: (...m: unknown[]) => log.info(fmt(m), fields),
    warn: (...m: unknown[]) => log.warn(fmt(m), fields),
    error: (...m: unknown[]) => log.error(fmt(m), fields),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
