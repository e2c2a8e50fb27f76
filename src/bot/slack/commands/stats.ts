import { AppError } from '../../../errors.js';
import type { TSlackDeps } from '../slack-deps.js';

/** Replaced by the report-backed answer when src/reports lands (issue 6); until then, say so plainly. */
export async function statsAnswer(_deps: TSlackDeps, _args: string[], _user: string): Promise<{ text: string }> {
  throw new AppError('NOT_CONFIGURED', 'Stats are not available in this build yet.');
}
