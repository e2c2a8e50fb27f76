import type { TMention } from '../mention.js';
import type { TTx } from '../store/client.js';

/**
 * What "the same conversation" means: the platform's thread root when it gives one; otherwise the thread of the
 * post being answered (one of ours — a stored mention — or one of our replies); otherwise the mention itself.
 */
export async function resolveThreadKey(tx: TTx, m: TMention): Promise<string> {
  if (m.threadRoot) return m.threadRoot;
  if (!m.inReplyTo) return m.externalId;
  const parent = await tx.mention.findUnique({
    where: { platform_externalId: { platform: m.platform, externalId: m.inReplyTo } },
    select: { threadKey: true },
  });
  if (parent) return parent.threadKey;
  const ourReply = await tx.reply.findFirst({
    where: { platformReplyId: m.inReplyTo, case: { platform: m.platform } },
    select: { case: { select: { threadKey: true } } },
  });
  return ourReply?.case.threadKey ?? m.inReplyTo;
}
