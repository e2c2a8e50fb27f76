/**
 * A bounded memory of delivery ids (Slack's `event_id`): Slack redelivers an event it thinks was not acknowledged,
 * and a handler that already ran must not run again. The oldest ids are forgotten first.
 */
export function createSeenIds(max = 5000): { has(id: string): boolean; remember(id: string): void; forget(id: string): void } {
  const seen = new Set<string>();
  return {
    has: (id) => seen.has(id),
    remember(id) {
      seen.add(id);
      if (seen.size > max) seen.delete(seen.values().next().value as string);
    },
    /** A delivery we refused (503): its redelivery must run. */
    forget: (id) => void seen.delete(id),
  };
}
