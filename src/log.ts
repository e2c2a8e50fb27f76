export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type TLogLevel = (typeof LOG_LEVELS)[number];

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
  write?: (line: string) => void;
  now?: () => Date;
}

/** JSON-lines logger. Redaction runs on the serialised line, so a secret nested anywhere is caught. */
export function createLogger(opts: TLoggerOptions = {}): TLogger {
  const threshold = LOG_LEVELS.indexOf(opts.level ?? 'info');
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 4);
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = opts.now ?? (() => new Date());
  const emit = (level: TLogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    let line = JSON.stringify({ time: now().toISOString(), level, msg, ...fields }, errorReplacer);
    for (const s of secrets) line = line.split(s).join('[redacted]');
    write(line);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** A logger that keeps lines in memory; used by tests to assert what was logged. */
export function createMemoryLogger(level: TLogLevel = 'debug'): TLogger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  return Object.assign(logger, { lines });
}
