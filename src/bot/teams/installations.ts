import type { TDb } from '../../store/client.js';
import type { TConversationRef } from './bot-connector.js';

/** The conversation a thread belongs to: Teams writes channel threads as `<channel>;messageid=<root>`. */
export const baseConversationId = (id: string) => id.split(';messageid=')[0] ?? id;

export type TInstallScope = 'channel' | 'personal' | 'groupChat';

export interface TInstallation {
  conversation: string;
  scope: TInstallScope;
  userId: string | null;
  reference: TConversationRef;
}

/**
 * Remembers where Earshot was added (or last heard from), with the reference proactive posts need. Idempotent:
 * Teams repeats install events, and every channel message refreshes the service URL, which can move.
 */
export async function saveInstallation(db: TDb, ref: TConversationRef, userAadId: string | undefined, now: Date): Promise<TInstallation> {
  const conversation = baseConversationId(ref.conversation.id);
  const type = ref.conversation.conversationType;
  const scope: TInstallScope = type === 'personal' ? 'personal' : type === 'groupChat' ? 'groupChat' : 'channel';
  const userId = scope === 'personal' ? (userAadId ?? null) : null;
  const reference = JSON.stringify({ ...ref, conversation: { ...ref.conversation, id: conversation } });
  await db.chatInstallation.upsert({
    where: { surface_conversation: { surface: 'teams', conversation } },
    update: { reference, scope, userId, updatedAt: now },
    create: { surface: 'teams', conversation, scope, userId, reference, installedAt: now, updatedAt: now },
  });
  return { conversation, scope, userId, reference: JSON.parse(reference) as TConversationRef };
}

export async function removeInstallation(db: TDb, conversationId: string): Promise<void> {
  await db.chatInstallation.deleteMany({ where: { surface: 'teams', conversation: baseConversationId(conversationId) } });
}

/**
 * The reference to post into a channel. A team install reports its General channel; other channels of the
 * same team share its service URL and tenant, so any channel installation can carry a post to a mapped
 * channel Earshot has not heard from yet (Teams refuses with 403/404 if the bot is not in that team).
 */
export async function channelReference(db: TDb, conversationId: string, tenantId?: string): Promise<TConversationRef | null> {
  const exact = await db.chatInstallation.findUnique({ where: { surface_conversation: { surface: 'teams', conversation: conversationId } } });
  if (exact) return JSON.parse(exact.reference) as TConversationRef;
  const any = await db.chatInstallation.findMany({ where: { surface: 'teams', scope: 'channel' }, orderBy: { updatedAt: 'desc' }, take: 20 });
  const refs = any.map((i) => JSON.parse(i.reference) as TConversationRef);
  const ref = (tenantId && refs.find((r) => r.conversation.tenantId === tenantId)) || refs[0];
  return ref ? { ...ref, conversation: { ...ref.conversation, id: conversationId } } : null;
}

/** A manager's 1:1 chat with Earshot, if they installed the personal app. */
export async function personalReference(db: TDb, aadObjectId: string): Promise<TConversationRef | null> {
  const row = await db.chatInstallation.findFirst({ where: { surface: 'teams', scope: 'personal', userId: aadObjectId }, orderBy: { updatedAt: 'desc' } });
  return row ? (JSON.parse(row.reference) as TConversationRef) : null;
}
