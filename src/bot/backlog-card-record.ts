import type { TTx } from '../store/client.js';

/**
 * Remembers a channel's backlog card so the next refresh updates it in place; forgets it once it says "all caught
 * up", so a later backlog gets a new card at the bottom of the channel rather than an edit far up in its history.
 */
export async function recordBacklogCard(tx: TTx, o: { surface: 'slack' | 'teams'; channel: string; messageId: string; cleared: boolean; now: Date }): Promise<void> {
  const key = { surface_channel: { surface: o.surface, channel: o.channel } };
  if (o.cleared) {
    await tx.backlogCard.deleteMany({ where: { surface: o.surface, channel: o.channel } });
    return;
  }
  await tx.backlogCard.upsert({ where: key, update: { messageId: o.messageId }, create: { surface: o.surface, channel: o.channel, messageId: o.messageId, createdAt: o.now } });
}
