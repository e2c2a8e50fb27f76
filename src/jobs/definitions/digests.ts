import type { TOrgChart } from '../../config/org-chart-schema.js';
import { enqueue } from '../../outbox/enqueue.js';
import { defineJob, type TJob } from '../job.js';
import { localParts } from '../slot.js';
import { transact } from '../../store/transaction-retry.js';

export interface TDigestRecipient {
  memberId: string;
  timeZone: string;
  /** "HH:MM" local time from which today's digest is due. */
  digestAt: string;
}

/**
 * Every manager, at their own `digestAt` or else the organisation's, in their zone: their own, else their team's,
 * else the organisation's. "off" (theirs, or the organisation's with none of their own) opts out. A person listed in
 * several teams is one recipient.
 */
export function digestRecipients(chart: TOrgChart): TDigestRecipient[] {
  const byId = new Map<string, TDigestRecipient>();
  for (const team of chart.teams) {
    for (const m of team.members) {
      const at = m.digestAt ?? chart.digestAt;
      if (!m.manager || at === 'off' || byId.has(m.id)) continue;
      byId.set(m.id, { memberId: m.id, digestAt: at, timeZone: m.timezone ?? team.timezone ?? chart.timezone });
    }
  }
  return [...byId.values()];
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => {
  const u = new Date(Date.UTC(y, m - 1, d));
  return `${u.getUTCFullYear()}-${pad(u.getUTCMonth() + 1)}-${pad(u.getUTCDate())}`;
};

/**
 * The date whose digest is due for this recipient at `now` — yesterday in their zone, once their local clock
 * has reached `digestAt` today — or null before then. Comparing wall-clock readings keeps DST days right: a
 * digest time skipped by spring-forward is due from the jump on, one repeated at fall-back is still one date.
 */
export function dueDigestDate(r: TDigestRecipient, now: Date): string | null {
  const p = localParts(now, r.timeZone);
  if (`${pad(p.hour)}:${pad(p.minute)}` < r.digestAt) return null;
  return isoDate(p.year, p.month, p.day - 1);
}

export const digestKey = (memberId: string, date: string) => `digest.send:${memberId}:${date}`;

/** Every 15 minutes: each manager whose digest time has passed today gets yesterday's digest, once. */
export function digestsJob(chart: TOrgChart, opts: { schedule?: string } = {}): TJob {
  const recipients = digestRecipients(chart);
  return defineJob({
    id: 'digests',
    schedule: opts.schedule ?? '*/15 * * * *',
    async handler({ db, now, log }) {
      for (const r of recipients) {
        const date = dueDigestDate(r, now);
        if (!date) continue;
        const key = digestKey(r.memberId, date);
        if (await db.outboxItem.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) continue;
        await transact(db, (tx) => enqueue(tx, { kind: 'digest.send', memberId: r.memberId, date }, { destination: `member:${r.memberId}`, idempotencyKey: key, now }));
        log.info('digest queued', { memberId: r.memberId, date });
      }
    },
  }) as TJob;
}
