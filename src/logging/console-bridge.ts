import { format } from 'node:util';
import type { TLogger } from '../log.js';

/**
 * Sends what libraries print with `console.*` (botbuilder and teams-ai write warnings and errors there, and offer no
 * logger to inject) through our logger, so the server's stderr stays JSON lines. Only the running server installs it
 * — commands like `earshot triage` keep their plain stdout — and the returned function puts the console back.
 * A logged Error keeps its message; its stack, one line per frame, is dropped.
 */
export function routeConsole(log: TLogger, target: Console = console): () => void {
  const saved = { log: target.log, info: target.info, warn: target.warn, error: target.error, debug: target.debug };
  const text = (args: unknown[]) => format(...args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)));
  const to = (level: keyof TLogger) => (...args: unknown[]) => log[level](text(args), { source: 'console' });
  Object.assign(target, { log: to('info'), info: to('info'), warn: to('warn'), error: to('error'), debug: to('debug') });
  return () => void Object.assign(target, saved);
}
