import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

/**
 * teams-ai's adapter with its authenticate-and-run step reachable. `CloudAdapter.process` wraps the same step but
 * prints every failure — each unauthenticated request — to the console as a multi-line stack trace; calling the step
 * ourselves lets the receiver log one JSON line per request instead.
 */
export class TurnAdapter extends TeamsAdapter {
  /** Authenticates `authHeader` for `activity` (throws a 401 status-code error if it is not), then runs the turn. */
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
