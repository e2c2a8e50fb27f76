import type { Case } from '../generated/prisma/client.js';
import type { TActingMember } from '../config/org-chart-queries.js';
import { AppError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { authorise, type TPermission } from './authorise.js';
import { isClosed, type TCaseDeps } from './case-deps.js';

export type TCase = Case;

export interface TActionContext {
  tx: TTx;
  case: TCase;
  actor: TActingMember;
  now: Date;
}

export interface TActionOutcome<R> {
  /** The audit row: what happened, in the actor's name. */
  event: { action: string; payload?: Record<string, unknown> };
  result: R;
}

export interface TActionSpec {
  caseId: string;
  actorId: string;
  permission: TPermission;
  /** Most actions make no sense on a resolved or spam case; reopen and notes do. */
  allowClosed?: boolean;
}

/**
 * The frame every case action runs in: one transaction that loads the case, checks the actor's permission,
 * applies the change, appends the CaseEvent and queues the card refresh — so the audit trail and the card can
 * never disagree with the case.
 */
export async function runCaseAction<R>(
  deps: TCaseDeps,
  spec: TActionSpec,
  apply: (ctx: TActionContext) => Promise<TActionOutcome<R>>,
): Promise<R> {
  return transact(deps.db, async (tx) => {
    const found = await tx.case.findUnique({ where: { id: spec.caseId } });
    if (!found) throw new AppError('NOT_FOUND', `Case ${spec.caseId} does not exist.`);
    const actor = authorise(deps.orgChart, spec.actorId, found.team, spec.permission);
    if (!spec.allowClosed && isClosed(found.status)) {
      throw new AppError('CASE_CLOSED', `This case is ${found.status}; reopen it first.`, { status: found.status });
    }
    const now = deps.now();
    const outcome = await apply({ tx, case: found, actor, now });
    const ev = await tx.caseEvent.create({
      data: { caseId: found.id, actor: spec.actorId, action: outcome.event.action, at: now, payload: JSON.stringify(outcome.event.payload ?? {}) },
    });
    await enqueue(tx, { kind: 'card.update', caseId: found.id, eventId: ev.id, staff: true }, { destination: `case:${found.id}`, idempotencyKey: `card.update:${ev.id}`, now });
    return outcome.result;
  });
}

/**
 * Applies a case change only if the case is still at the version the action read; a concurrent change makes
 * this update match nothing, and the action fails with CONFLICT instead of overwriting.
 */
export async function updateCase(ctx: TActionContext, data: Parameters<TTx['case']['update']>[0]['data']): Promise<TCase> {
  const res = await ctx.tx.case.updateMany({
    where: { id: ctx.case.id, version: ctx.case.version },
    data: { ...data, updatedAt: ctx.now, version: { increment: 1 } } as Parameters<TTx['case']['updateMany']>[0]['data'],
  });
  if (res.count !== 1) throw new AppError('CONFLICT', 'Someone else changed this case at the same moment; try again.');
  return ctx.tx.case.findUniqueOrThrow({ where: { id: ctx.case.id } });
}

/** Someone else holds the case: responders must leave it alone; approvers (team leads) may step in. */
export function assertNotHeldByOther(ctx: TActionContext): void {
  const owner = ctx.case.assignee;
  if (owner && owner !== ctx.actor.member.id && ctx.actor.role !== 'approver') {
    throw new AppError('CONFLICT', `${owner} is handling this case.`, { owner });
  }
}
