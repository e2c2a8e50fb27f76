import { assertNotHeldByOther, runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TResolveCaseOptions {
  caseId: string;
  actorId: string;
  note?: string;
}

/** Closes the case. Replies still waiting in the outbox go out regardless: resolving never swallows a reply. */
export async function resolveCase(deps: TCaseDeps, opts: TResolveCaseOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    assertNotHeldByOther(ctx);
    const updated = await updateCase(ctx, { status: 'resolved', resolvedAt: ctx.now });
    return { event: { action: 'resolved', payload: { note: opts.note ?? null } }, result: updated };
  });
}
