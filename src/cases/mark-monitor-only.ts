import { assertNotHeldByOther, runCaseAction, updateCase, type TCase } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TMarkMonitorOnlyOptions {
  caseId: string;
  actorId: string;
  reason?: string;
}

/** Watch without answering: trolls, rants and jokes with nothing to solve. The SLA clock stops. */
export async function markMonitorOnly(deps: TCaseDeps, opts: TMarkMonitorOnlyOptions): Promise<TCase> {
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act' }, async (ctx) => {
    assertNotHeldByOther(ctx);
    const updated = await updateCase(ctx, { status: 'monitoring', slaDueAt: null });
    return { event: { action: 'monitoring', payload: { reason: opts.reason ?? null } }, result: updated };
  });
}
