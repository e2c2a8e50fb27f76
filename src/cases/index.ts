/** The case service: one function per staff action, each audited and permission-checked. */
export { claimCase } from './claim-case.js';
export { releaseCase } from './release-case.js';
export { replyToCase } from './reply-to-case.js';
export { reviewReply, type TReviewVerdict } from './review-reply.js';
export { markMonitorOnly } from './mark-monitor-only.js';
export { moveOffline, ZOfflineChannel, type TOfflineChannel } from './move-offline.js';
export { resolveCase } from './resolve-case.js';
export { reopenCase } from './reopen-case.js';
export { reassignCase } from './reassign-case.js';
export { correctTriage, ZTriageCorrection, TRIAGE_CORRECTED, type TTriageCorrection } from './correct-triage.js';
export { escalateCase } from './escalate-case.js';
export { addNote } from './add-note.js';
export { markSpam } from './mark-spam.js';
export { recordReplyOutcome, type TReplyOutcome } from './record-reply-outcome.js';
export type { TCaseDeps } from './case-deps.js';
