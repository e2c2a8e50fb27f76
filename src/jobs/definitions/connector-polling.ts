import { admitMentions } from '../../connectors/admit-mentions.js';
import type { TPoller } from '../../connectors/connector.js';
import type { TMention } from '../../mention.js';
import type { TDb } from '../../store/client.js';
import { defineJob, type TJob } from '../job.js';

export interface TPollingSource {
  /** Connector id, e.g. "reddit"; the first half of the ConnectorCursor key. */
  id: string;
  pollers?: readonly TPoller[];
}

/** Durably accepts mentions into the inbox (the app's `intake.accept`); resolves once they are on disk. */
export type TAcceptFn = (mentions: readonly TMention[], source: string) => Promise<unknown>;

/**
 * One job per poller (`poll:<connector>:<stream>`, on the poller's own schedule): read the stored cursor, poll,
 * accept its mentions into the inbox, and only once they are durable store the new cursor. A crash or a failed accept
 * leaves the old cursor, so the next run asks again and the inbox's dedupe drops what it already has: nothing missed,
 * nothing twice.
 */
export function pollingJobs(sources: Iterable<TPollingSource>, accept: TAcceptFn): TJob[] {
  return [...sources].flatMap((source) => (source.pollers ?? []).map((poller) => pollingJob(source.id, poller, accept)));
}

function pollingJob(connector: string, poller: TPoller, accept: TAcceptFn): TJob {
  return defineJob({
    id: `poll:${connector}:${poller.stream}`,
    schedule: poller.schedule,
    async handler({ db, now, log }) {
      const key = { connector_stream: { connector, stream: poller.stream } };
      const stored = await db.connectorCursor.findUnique({ where: key });
      let result: Awaited<ReturnType<TPoller['poll']>>;
      try {
        result = await poller.poll(stored?.cursor ?? null, { now });
      } catch (err) {
        // The platform is down or refused us: keep the old cursor and try again at the next slot.
        log.warn('poll failed; keeping the cursor', { connector, stream: poller.stream, error: err instanceof Error ? err.message : String(err) });
        throw err;
      }
      // Held to the Mention rules before the inbox takes them. One that no repair saves is logged and passed over:
      // refusing the whole page would stop the cursor there for good.
      const { mentions, repaired, refused } = admitMentions(result.mentions);
      if (repaired.length) log.warn('polled mentions repaired to fit the Mention rules', { connector, stream: poller.stream, repaired });
      for (const r of refused) log.error('polled mention refused: it breaks the Mention rules', { connector, stream: poller.stream, externalId: r.externalId, reason: r.reason });
      if (mentions.length) await accept(mentions, `poll:${connector}:${poller.stream}`);
      if (result.cursor !== null && result.cursor !== stored?.cursor) await saveCursor(db, connector, poller.stream, stored?.cursor ?? null, result.cursor, now);
      if (mentions.length) log.info('polled mentions', { connector, stream: poller.stream, mentions: mentions.length });
    },
  }) as TJob;
}

/** Moves the cursor only from where this run found it, so a slower overlapping run cannot move it backwards. */
async function saveCursor(db: TDb, connector: string, stream: string, from: string | null, to: string, now: Date): Promise<void> {
  if (from === null) {
    await db.connectorCursor.upsert({
      where: { connector_stream: { connector, stream } },
      create: { connector, stream, cursor: to, updatedAt: now },
      update: {},
    });
    return;
  }
  await db.connectorCursor.updateMany({ where: { connector, stream, cursor: from }, data: { cursor: to, updatedAt: now } });
}
