import type { CaseEvent } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import { runCaseAction } from './case-action.js';
import type { TCaseDeps } from './case-deps.js';

export interface TAddNoteOptions {
  caseId: string;
  actorId: string;
  text: string;
  /** Where the note was written (e.g. a Slack thread message), so that surface does not echo it back. */
  source?: Record<string, string>;
}

/** An internal note: recorded on the case and shown in the card's thread, never sent to the customer. */
export async function addNote(deps: TCaseDeps, opts: TAddNoteOptions): Promise<{ caseId: string }> {
  const text = opts.text.trim();
  if (!text) throw new AppError('VALIDATION', 'A note cannot be empty.');
  if (text.length > 4000) throw new AppError('VALIDATION', `Notes are limited to 4,000 characters; this one has ${text.length}.`);
  return runCaseAction(deps, { caseId: opts.caseId, actorId: opts.actorId, permission: 'act', allowClosed: true }, async (ctx) => ({
    event: { action: 'note', payload: { text, ...(opts.source && { source: opts.source }) } },
    result: { caseId: ctx.case.id },
  }));
}

export type TCaseEvent = CaseEvent;
