/**
 * Whether a window's count is a spike against the same window of past weeks. Pure: no clock, no I/O.
 *
 * The usual level is the median of the past weeks (one odd week — last Tuesday's outage — does not move it); the
 * spread is the scaled median absolute deviation, never less than √usual (counts of rare events are noisy even when
 * past weeks happen to agree). A spike must clear all three bars: the absolute minimum, `ratio` × usual, and usual +
 * `deviations` × spread — so a quiet hour does not alert on a handful of posts and a busy one needs a real multiple.
 */
export interface TSpikeRule {
  minCount: number;
  ratio: number;
  deviations: number;
  minWeeks: number;
}

export type TSpikeVerdict =
  | { spike: true; usual: number; threshold: number; weeks: number }
  | { spike: false; usual: number; threshold: number; weeks: number; why: 'too-little-history' | 'below-threshold' };

export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Scaled so that it estimates the standard deviation of normally distributed counts. */
const MAD_SCALE = 1.4826;

/**
 * @example detectSpike(84, [12, 10, 14, 11], { minCount: 20, ratio: 2, deviations: 4, minWeeks: 2 }) // { spike: true, usual: 11.5, … }
 */
export function detectSpike(count: number, history: readonly number[], rule: TSpikeRule): TSpikeVerdict {
  const usual = median(history);
  const spread = Math.max(MAD_SCALE * median(history.map((h) => Math.abs(h - usual))), Math.sqrt(Math.max(usual, 1)));
  const threshold = Math.max(rule.minCount, rule.ratio * usual, usual + rule.deviations * spread);
  const weeks = history.length;
  if (weeks < rule.minWeeks) return { spike: false, usual, threshold, weeks, why: 'too-little-history' };
  return count >= threshold ? { spike: true, usual, threshold, weeks } : { spike: false, usual, threshold, weeks, why: 'below-threshold' };
}

/** "Tue 14:00": the hour of the week a window starts at, on the team's wall clock. */
export function hourOfWeek(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('weekday')} ${get('hour')}:${get('minute')}`;
}

/** A usual level as people say it: whole numbers from 10 up, one decimal below ("usually 0.5"). */
export const usualText = (usual: number): string => (usual >= 10 || Number.isInteger(usual) ? String(Math.round(usual)) : usual.toFixed(1));
