import { randomBytes } from 'node:crypto';

let counter = 0;
let lastMs = 0;

/**
 * Row ids for the rows the pipeline writes with raw SQL (the model API would make a cuid). Same shape as a cuid —
 * "c", time, counter, randomness, base 36 — and, within a process, increasing in the order they are made, so
 * `ORDER BY "receivedAt", "id"` replays mentions in the order the pipeline saw them (how a new pipeline rebuilds
 * triage's window exactly).
 */
export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  }
  counter++;
  const time = lastMs.toString(36).padStart(9, '0');
  const count = counter.toString(36).padStart(5, '0');
  return `c${time}${count}${randomBytes(5).toString('hex').slice(0, 8)}`;
}
