import { pino, stdTimeFunctions } from 'pino';
import { REDACT_PATHS, REDACTED, secretScrubber } from './logging/redaction.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type TLogLevel = (typeof LOG_LEVELS)[number];

/** What the code logs through: a message, then structured fields. Implemented on pino; tests use the memory logger. */
export interface TLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface TLoggerOptions {
  level?: TLogLevel;
  /** Secret values to blank out wherever they appear; secrets never reach a log line. */
  secrets?: readonly string[];
  /** Receives each line without its newline; stderr when absent. */
  write?: (line: string) => void;
  now?: () => Date;
}

/**
 * JSON lines on pino: `{"time":"…ISO…","level":"info","msg":"…",…fields}`, one line per event. Secrets are removed
 * twice over: by key (REDACT_PATHS, inside pino) and by value on the finished line, so a configured secret nested
 * anywhere, or pasted into a message, is caught too.
 */
export function createLogger(opts: TLoggerOptions = {}): TLogger {
  const scrub = secretScrubber(opts.secrets ?? []);
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = opts.now;
  const p = pino(
    {
      level: opts.level ?? 'info',
      base: undefined,
      timestamp: now ? () => `,"time":"${now().toISOString()}"` : stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => plainErrors(fields) as Record<string, unknown>,
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Errors are made plain (below) for every key alike; pino's own `err` serializer would add the stack.
      serializers: { err: (v: unknown) => v },
    },
    { write: (line: string) => write(oneLine(scrub(line.endsWith('\n') ? line.slice(0, -1) : line))) },
  );
  // pino takes (fields, msg); ours is (msg, fields) everywhere, and a message is never interpolated.
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
    if (fields) p[level](fields, '%s', msg);
    else p[level]('%s', msg);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** JSON allows U+2028/U+2029 raw, but some line readers split on them: escape them so an event stays one line. */
const oneLine = (line: string) => line.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));

/**
 * Errors become `{name, message}` (and `code` when they have one): no stack, which for errors an attacker can cause
 * would be a flood of lines of our internals. Walks plain objects and arrays a few levels deep.
 */
function plainErrors(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}) };
  }
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.some((v) => v instanceof Error || (v && typeof v === 'object')) ? value.map((v) => plainErrors(v, depth + 1)) : value;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = plainErrors(v, depth + 1);
    if (p !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = p;
  }
  return out ?? value;
}

/** A logger that keeps lines in memory, parsed; used by tests to assert what was logged. */
export function createMemoryLogger(level: TLogLevel = 'debug', secrets: readonly string[] = []): TLogger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, secrets, write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  return Object.assign(logger, { lines });
}
