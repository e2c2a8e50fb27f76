import { statsReport } from '../../views/stats-view.js';
import { reportBlocks } from '../blocks/report-blocks.js';
import { memberIdForSlackUser, type TSlackDeps } from '../slack-deps.js';

/** `/social stats [team|all] [today|7d|30d]`, from the same definition digests and /metrics use. */
export async function statsAnswer(deps: TSlackDeps, args: string[], slackUserId: string): Promise<ReturnType<typeof reportBlocks>> {
  let memberId = '';
  try {
    memberId = memberIdForSlackUser(deps.orgChart, slackUserId);
  } catch {
    // Someone outside the org chart may still read the numbers; they just have no "own team" default.
  }
  return reportBlocks(await statsReport(deps.db, deps.orgChart, memberId, args, deps.now()));
}
