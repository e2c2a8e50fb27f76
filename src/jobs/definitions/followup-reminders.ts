import { z } from 'zod';
import { enqueue } from '../../outbox/enqueue.js';
import { defineJob, type TJob } from '../job.js';
import { transact } from '../../store/transaction-retry.js';

export const ZFollowupSettings = z.object({ reminderHours: z.number().min(0) });
export type TFollowupSettings = z.infer<typeof ZFollowupSettings>;

export const followupKey = (caseId: string, dueAt: Date) => `followup.remind:${caseId}:${dueAt.toISOString()}`;

/**
 * Offline cases whose follow-up falls due within the reminder window (or is already overdue): one
 * `followup.remind` in the card's thread per case and due time. Moving the due time gives a new reminder.
 */
export function followupRemindersJob(settings: TFollowupSettings, opts: { schedule?: string } = {}): TJob<TFollowupSettings> {
  return defineJob({
    id: 'followup-reminders',
    schedule: opts.schedule ?? '*/5 * * * *',
    payload: { schema: ZFollowupSettings, value: settings },
    async handler({ db, now, log, payload }) {
      const horizon = new Date(now.getTime() + payload.reminderHours * 3600_000);
      const due = await db.case.findMany({
        where: { status: 'offline', followUpDueAt: { not: null, lte: horizon } },
        select: { id: true, assignee: true, followUpDueAt: true },
      });
      const keys = due.map((c) => followupKey(c.id, c.followUpDueAt!));
      const sent = new Set((await db.outboxItem.findMany({ where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true } })).map((o) => o.idempotencyKey));
      let reminders = 0;
      for (const c of due) {
        const key = followupKey(c.id, c.followUpDueAt!);
        if (sent.has(key)) continue;
        if (!c.assignee) {
          // moveOffline always sets an owner; a case without one was edited by hand and has nobody to remind.
          log.warn('offline case has no owner to remind', { caseId: c.id });
          continue;
        }
        const message = { kind: 'followup.remind', caseId: c.id, assignee: c.assignee, dueAt: c.followUpDueAt!.toISOString() } as const;
        await transact(db, (tx) => enqueue(tx, message, { destination: `case:${c.id}`, idempotencyKey: key, now }));
        reminders += 1;
      }
      if (reminders) log.info('follow-up reminders queued', { reminders });
    },
  });
}
