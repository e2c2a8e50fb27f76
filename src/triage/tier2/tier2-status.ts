import type { TLogger } from '../../log.js';
import type { TRefinerStatus } from './refiner.js';

/** One log line when the second tier is up, or when it could not load and cards will say the fast engine decided. */
export function logTier2Status(log: Pick<TLogger, 'info' | 'warn'>, s: { state: TRefinerStatus; reason?: string }): void {
  if (s.state === 'ready') log.info('triage tier 2 ready: the sentence encoder decides every case a person will see');
  else if (s.state === 'degraded') log.warn('triage tier 2 could not load: the fast engine decides alone, and cards say so', { reason: s.reason ?? 'unknown' });
}
