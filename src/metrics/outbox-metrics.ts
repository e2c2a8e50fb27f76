import { PLATFORMS } from '../mention.js';
import type { TOutboxItem } from '../outbox/outbox-handler.js';
import type { TMetrics } from './registry.js';

export type TDeliveryOutcome = 'delivered' | 'retry' | 'dead';

/** What the dispatcher reports per attempt; absent in tests that do not look. */
export interface TOutboxMetrics {
  /** One delivery attempt took `seconds`; `queuedSeconds` is the time since the item was enqueued. */
  attempt(item: Pick<TOutboxItem, 'kind' | 'destination' | 'payload'>, outcome: TDeliveryOutcome, seconds: number, queuedSeconds: number): void;
}

export function outboxMetrics(metrics: TMetrics): TOutboxMetrics {
  const send = metrics.histogram({
    name: 'earshot_outbox_send_duration_seconds',
    help: 'Duration of one outbound call (chat API, platform API), by destination kind and outcome.',
    labelNames: ['destination', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  });
  const latency = metrics.histogram({
    name: 'earshot_outbox_delivery_latency_seconds',
    help: 'Time from enqueueing an outbound call to its successful delivery, retries included, by destination kind.',
    labelNames: ['destination'],
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  });
  return {
    attempt(item, outcome, seconds, queuedSeconds) {
      const destination = destinationKind(item);
      send.observe({ destination, outcome }, seconds);
      if (outcome === 'delivered') latency.observe({ destination }, Math.max(0, queuedSeconds));
    },
  };
}

const PLATFORM_IDS = new Set<string>(PLATFORMS);

/**
 * A bounded label for where an item goes: the chat surface (`slack`, `teams`), the platform of a reply (`x`,
 * `mastodon`, …), or `fanout` for the internal step that turns one notice into one item per surface. Never the channel
 * or case id in `destination`, which would make one series per channel.
 */
export function destinationKind(item: Pick<TOutboxItem, 'kind' | 'destination' | 'payload'>): string {
  if (item.kind === 'chat.deliver') return item.payload.surface === 'teams' ? 'teams' : item.payload.surface === 'slack' ? 'slack' : 'other';
  if (item.kind === 'platform.reply') {
    const platform = item.destination.startsWith('platform:') ? item.destination.slice('platform:'.length) : '';
    return PLATFORM_IDS.has(platform) ? platform : 'other';
  }
  return 'fanout';
}
