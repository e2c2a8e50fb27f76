import { PRIORITIES, type TPriority } from '../config/org-chart-schema.js';

/** P1 is the most urgent. */
export function isMoreUrgent(a: string, b: string): boolean {
  return PRIORITIES.indexOf(a as TPriority) < PRIORITIES.indexOf(b as TPriority);
}

/** One step more urgent, stopping at P1. */
export function raisePriority(p: string): TPriority {
  const i = PRIORITIES.indexOf(p as TPriority);
  return PRIORITIES[Math.max(0, i - 1)] ?? 'P1';
}
