import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/**
 * Node's default metrics (CPU, memory, handles, GC durations, event-loop lag) under their standard names, so stock
 * dashboards work. Created once: they describe the process, and each collection installs observers that live as long
 * as it does.
 */
export function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
