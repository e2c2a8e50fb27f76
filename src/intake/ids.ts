import { randomBytes } from 'node:crypto';

let counter = 0;
let lastMs = 0;
// Random bytes drawn 4 KiB at a time: one call per id (several per mention) was a visible share of a batch's time.
const POOL = 4096;
let pool = Buffer.alloc(0);
let at = POOL;

function random4(): string {
  if (at + 4 > pool.length) {
    pool = randomBytes(POOL);
    at = 0;
  }
  at += 4;
  return pool.toString('hex', at - 4, at);
}

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
  return `c${time}${count}${random4()}`;
}
