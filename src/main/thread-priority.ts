import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of background threads: they get about a tenth of a core's share when the web thread wants it. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the scheduling priority of the calling thread only (a worker thread's own, not the process's), so that work
 * nobody waits for right now — the second triage tier's encoder — yields the CPU to the web thread that answers
 * webhooks and Slack within their timeouts. Linux schedules threads as tasks, each with its own nice value; a worker
 * finds its task id through /proc/thread-self. Threads it starts later inherit the value. Never raises a priority.
 * Elsewhere (no /proc, or not allowed) it changes nothing and says so.
 * @returns whether the thread now runs at `nice` or lower priority.
 */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!Number.isInteger(tid) || tid <= 0) return false;
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid) >= nice;
  } catch {
    return false;
  }
}
