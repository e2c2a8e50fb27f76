import type { TCaseDeps } from '../../cases/case-deps.js';
import type { TOrgChart } from '../../config/org-chart-schema.js';
import { AppError, toAppError } from '../../errors.js';
import type { TLogger } from '../../log.js';
import type { TPlatform } from '../../mention.js';
import type { TReplyAssist } from '../../replies/reply-assist.js';
import type { TDb } from '../../store/client.js';
import type { TTriageFn } from '../../triage/types.js';
import type { TReportView } from '../views/report-view.js';

/** Everything Teams handlers need, injected by the composition root. */
export interface TTeamsDeps extends TCaseDeps {
  db: TDb;
  orgChart: TOrgChart;
  log: TLogger;
  now: () => Date;
  triage: TTriageFn;
  /** Null when Earshot can send a private message on the platform; else the sentence staff see. */
  privateUnsupported(platform: TPlatform): string | null;
  /** Ranked saved replies and AI drafts for the Reply and Move offline dialogs. */
  assist: TReplyAssist;
  /** `stats [team] [period]`; absent until src/reports provides it, and then the command says so. */
  stats?: (args: string[], memberId: string) => Promise<TReportView>;
}

/**
 * Maps a Teams user (Entra ID object id) to their org-chart id. Someone not in the chart is told what the
 * admin must add, rather than getting a generic "forbidden".
 */
export function memberIdForTeamsUser(chart: TOrgChart, aadObjectId: string | undefined): string {
  if (aadObjectId) {
    for (const t of chart.teams) {
      const m = t.members.find((x) => x.teamsUserId?.toLowerCase() === aadObjectId.toLowerCase());
      if (m) return m.id;
    }
  }
  const id = aadObjectId ?? 'unknown';
  throw new AppError('FORBIDDEN', `Your Teams account (${id}) is not in Earshot's org chart, so you cannot act on cases. Ask your admin to add "teamsUserId: ${id}" to your entry.`);
}

/** The sentence a person sees when their click, dialog or command failed; internals stay in the log. */
export function userMessage(err: unknown, log: TLogger, context: Record<string, unknown>): string {
  const e = toAppError(err);
  if (e.code === 'INTERNAL') log.error('teams action failed', { ...context, error: err instanceof Error ? err.message : String(err) });
  const prefix: Partial<Record<string, string>> = { CONFLICT: '✋', FORBIDDEN: '⛔', CASE_CLOSED: '🔒', TEXT_TOO_LONG: '📏' };
  return `${prefix[e.code] ?? '⚠️'} ${e.message}`;
}
