import type { TTx } from '../store/client.js';

/** Remembers where an incident's card was posted, so its refreshes update it in place; a retried post records once. */
export async function recordIncidentCard(tx: TTx, o: { surface: 'slack' | 'teams'; channel: string; messageId: string; incidentId: string; now: Date }): Promise<void> {
  await tx.incidentCard.upsert({
    where: { surface_channel_messageId: { surface: o.surface, channel: o.channel, messageId: o.messageId } },
    update: {},
    create: { incidentId: o.incidentId, surface: o.surface, channel: o.channel, messageId: o.messageId, createdAt: o.now },
  });
}
