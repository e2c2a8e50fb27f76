import type { Application } from '@microsoft/teams-ai';
import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { correctTriage, escalateCase, moveOffline, reassignCase, replyToCase, reviewReply, ZOfflineChannel } from '../../../cases/index.js';
import { findTeam, memberName, roleFor } from '../../../config/org-chart-queries.js';
import { AppError, toAppError } from '../../../errors.js';
import { loadCaseView } from '../../views/case-view.js';
import { describeEvent } from '../../views/event-line.js';
import { loadAssistView } from '../../views/load-assist-view.js';
import { instantOf, wallClock } from '../../views/wall-clock.js';
import { APPROVAL_VERBS } from '../cards/approval-card.js';
import { CASE_VERBS } from '../cards/case-card.js';
import type { TDialog } from '../cards/dialog.js';
import { offlineDialog } from '../cards/offline-dialog.js';
import { REPLY_DIALOG, replyDialog } from '../cards/reply-dialog.js';
import { historyDialog, type THistoryPage } from '../cards/history-dialog.js';
import { correctTriageDialog, escalateDialog, reassignDialog, rejectDialog } from '../cards/small-dialogs.js';
import { correctionOf, loadCorrectionFields } from '../../views/correction-view.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { actingOrThrow, actorOf, str, teamOf } from './handler-kit.js';
import { replyDialogSubmit } from './reply-dialog-flow.js';

type TData = Record<string, unknown>;
type TFetch = (a: { data: TData; actorId: string }) => Promise<TDialog>;
/** A submit answers with the dialog again (to show a refusal or a preview) or null to close it. */
type TSubmit = (a: { data: TData; actorId: string }) => Promise<TDialog | null>;

const asTask = (d: TDialog) => d as unknown as TaskModuleTaskInfo;
const stringValues = (data: TData) => Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * Dialogs (task modules). Opening one checks permission first, so a viewer is told before typing anything.
 * On submit the case service runs; a refusal (too long, already claimed, not allowed) re-renders the dialog
 * with the sentence on top and everything typed kept, as Slack shows errors under the field.
 */
export function registerDialogs(app: Application, deps: TTeamsDeps): void {
  const fetch = (verb: string, fn: TFetch) => {
    app.taskModules.fetch<TData>(verb, async (context: TurnContext, _s, data) => {
      try {
        return asTask(await fn({ data, actorId: actorOf(deps.orgChart, context) }));
      } catch (err) {
        return userMessage(err, deps.log, { verb, caseId: data.caseId });
      }
    });
  };
  const submit = (verb: string, fn: TSubmit, onError: (data: TData, message: string, actorId: string) => Promise<TDialog>) => {
    app.taskModules.submit<TData>(verb, async (context: TurnContext, _s, data) => {
      let actorId: string;
      try {
        actorId = actorOf(deps.orgChart, context);
      } catch (err) {
        return userMessage(err, deps.log, { verb });
      }
      try {
        const next = await fn({ data, actorId });
        return next ? asTask(next) : null;
      } catch (err) {
        const e = toAppError(err);
        const message = userMessage(err, deps.log, { verb, caseId: data.caseId }).replace(/^\S+ /, '');
        // Without the case there is no dialog to show again: say so in a message dialog instead.
        if (e.code === 'NOT_FOUND') return message;
        return asTask(await onError(data, message, actorId));
      }
    });
  };
  const view = (caseId: string) => loadCaseView(deps.db, deps.orgChart, caseId, deps.now());
  const openCase = async (caseId: string, actorId: string) => {
    const acting = actingOrThrow(deps.orgChart, actorId, caseId, await teamOf(deps.db, caseId));
    const v = await view(caseId);
    if (v.closed) throw new AppError('CASE_CLOSED', `This case is ${v.status}; reopen it first.`);
    return { acting, v };
  };
  const needsApproval = (actorId: string, team: string) => roleFor(deps.orgChart, actorId, team)?.member.needsApproval ?? false;
  const approverCheck = async (replyId: string, actorId: string) => {
    const reply = await deps.db.reply.findUnique({ where: { id: replyId }, include: { case: { select: { team: true } } } });
    if (!reply) throw new AppError('NOT_FOUND', 'This reply no longer exists.');
    if (roleFor(deps.orgChart, actorId, reply.case.team)?.role !== 'approver') throw new AppError('FORBIDDEN', 'Only approvers can approve, edit or reject replies.');
    if (reply.status !== 'pending_approval') throw new AppError('CONFLICT', `This reply was already ${reply.status === 'rejected' ? 'sent back' : 'approved'}${reply.approvedBy ? ` by ${memberName(deps.orgChart, reply.approvedBy)}` : ''}.`);
    return reply;
  };

  // Reply: open with the best saved reply in the box; fill from another, preview, draft with AI, send.
  fetch(CASE_VERBS.reply, async ({ data, actorId }) => {
    const { acting, v } = await openCase(str(data, 'caseId'), actorId);
    const { assist, suggestions } = await loadAssistView(deps.assist, v, { agentName: acting.member.name });
    return replyDialog({ view: v, chart: deps.orgChart, needsApproval: acting.member.needsApproval, text: suggestions.best?.text ?? '', assist });
  });
  submit(
    REPLY_DIALOG.verb,
    ({ data, actorId }) => replyDialogSubmit(deps, data, actorId, view),
    async (data, error, actorId) => {
      const v = await view(str(data, 'caseId'));
      const text = str(data, REPLY_DIALOG.text);
      const { assist } = await loadAssistView(deps.assist, v, { agentName: roleFor(deps.orgChart, actorId, v.team.id)?.member.name ?? '', inBox: str(data, 'saved') || null, boxText: text });
      return replyDialog({ view: v, chart: deps.orgChart, needsApproval: needsApproval(actorId, v.team.id), text, error, assist });
    },
  );

  // Approver edits: the same dialog in edit mode; sending approves the edited text.
  fetch(APPROVAL_VERBS.edit, async ({ data, actorId }) => {
    const reply = await approverCheck(str(data, 'replyId'), actorId);
    return replyDialog({ view: await view(reply.caseId), chart: deps.orgChart, needsApproval: false, text: reply.text, mode: { kind: 'edit', replyId: reply.id } });
  });
  submit(
    REPLY_DIALOG.editVerb,
    async ({ data, actorId }) => {
      const replyId = str(data, 'replyId');
      const text = str(data, REPLY_DIALOG.text);
      if (str(data, 'intent') === 'send') {
        await reviewReply(deps, { replyId, actorId, review: { verdict: 'edit', text } });
        return null;
      }
      return replyDialog({ view: await view(str(data, 'caseId')), chart: deps.orgChart, needsApproval: false, text, mode: { kind: 'edit', replyId } });
    },
    async (data, error) =>
      replyDialog({ view: await view(str(data, 'caseId')), chart: deps.orgChart, needsApproval: false, text: str(data, REPLY_DIALOG.text), mode: { kind: 'edit', replyId: str(data, 'replyId') }, error }),
  );

  fetch(APPROVAL_VERBS.reject, async ({ data, actorId }) => {
    const reply = await approverCheck(str(data, 'replyId'), actorId);
    return rejectDialog(reply.id, reply.caseId);
  });
  submit(
    APPROVAL_VERBS.reject,
    async ({ data, actorId }) => {
      const reason = str(data, 'reason').trim();
      await reviewReply(deps, { replyId: str(data, 'replyId'), actorId, review: { verdict: 'reject', ...(reason && { reason }) } });
      return null;
    },
    async (data, error) => rejectDialog(str(data, 'replyId'), str(data, 'caseId'), stringValues(data), error),
  );

  // Move offline: the due time is picked on the team's wall clock.
  const offline = async (caseId: string, actorName: string, values?: Record<string, string>, error?: string) => {
    const v = await view(caseId);
    const tz = findTeam(deps.orgChart, v.team.id)?.timezone ?? deps.orgChart.timezone;
    const inBox = values?.saved;
    const { assist, suggestions } = await loadAssistView(deps.assist, v, { agentName: actorName, purpose: 'offline', ...(inBox !== undefined && { inBox: inBox || null }) });
    return offlineDialog({
      view: v,
      privateUnsupported: deps.privateUnsupported(v.platform),
      acknowledgement: suggestions.best?.text ?? '',
      assist,
      due: wallClock(new Date(deps.now().getTime() + 24 * 3600_000), tz),
      timezone: tz,
      ...(values && { values }),
      ...(error && { error }),
    });
  };
  fetch(CASE_VERBS.offline, async ({ data, actorId }) => {
    const { acting, v } = await openCase(str(data, 'caseId'), actorId);
    return offline(v.id, acting.member.name, undefined);
  });
  submit(
    CASE_VERBS.offline,
    async ({ data, actorId }) => {
      if (str(data, 'intent') === 'pick') {
        // One of the next-best acknowledgements: it replaces the box, everything else typed is kept.
        const v = await view(str(data, 'caseId'));
        const name = roleFor(deps.orgChart, actorId, v.team.id)?.member.name ?? '';
        const { suggestions } = await loadAssistView(deps.assist, v, { agentName: name, purpose: 'offline' });
        const chosen = [suggestions.best, ...suggestions.next].find((x) => x?.id === str(data, 'pick'));
        const values = stringValues(data);
        return offline(v.id, name, { ...values, saved: chosen?.id ?? values.saved ?? '', ...(chosen && { ack: chosen.text }) });
      }
      const channel = ZOfflineChannel.safeParse(data.channel);
      if (!channel.success) throw new AppError('VALIDATION', 'Choose how to follow up.');
      const due = instantOf(str(data, 'dueDate'), str(data, 'dueTime'), str(data, 'tz') || deps.orgChart.timezone);
      if (!due) throw new AppError('VALIDATION', 'Choose when the follow-up is due.');
      const privateText = str(data, 'private').trim();
      const note = str(data, 'note').trim();
      await moveOffline(deps, {
        caseId: str(data, 'caseId'),
        actorId,
        channel: channel.data,
        acknowledgement: str(data, 'ack'),
        followUpDueAt: due,
        ...(note && { note }),
        ...(privateText && { privateMessage: privateText }),
      });
      return null;
    },
    async (data, error) => offline(str(data, 'caseId'), '', stringValues(data), error),
  );

  fetch(CASE_VERBS.reassign, async ({ data, actorId }) => {
    const caseId = str(data, 'caseId');
    const team = await teamOf(deps.db, caseId);
    actingOrThrow(deps.orgChart, actorId, caseId, team);
    return reassignDialog(deps.orgChart, caseId, team);
  });
  submit(
    CASE_VERBS.reassign,
    async ({ data, actorId }) => {
      const reason = str(data, 'reason').trim();
      await reassignCase(deps, { caseId: str(data, 'caseId'), actorId, team: str(data, 'team'), ...(reason && { reason }) });
      return null;
    },
    async (data, error) => reassignDialog(deps.orgChart, str(data, 'caseId'), await teamOf(deps.db, str(data, 'caseId')), stringValues(data), error),
  );

  fetch(CASE_VERBS.correct, async ({ data, actorId }) => {
    const caseId = str(data, 'caseId');
    actingOrThrow(deps.orgChart, actorId, caseId, await teamOf(deps.db, caseId));
    return correctTriageDialog(caseId, await loadCorrectionFields(deps.db, deps.orgChart, caseId));
  });
  submit(
    CASE_VERBS.correct,
    async ({ data, actorId }) => {
      const v = stringValues(data);
      await correctTriage(deps, { caseId: str(data, 'caseId'), actorId, correction: correctionOf({ sentiment: v.sentiment, complaint: v.complaint, category: v.category, decision: v.decision, team: v.team }) });
      return null;
    },
    async (data, error) => correctTriageDialog(str(data, 'caseId'), await loadCorrectionFields(deps.db, deps.orgChart, str(data, 'caseId')), stringValues(data), error),
  );

  fetch(CASE_VERBS.escalate, async ({ data, actorId }) => {
    const caseId = str(data, 'caseId');
    actingOrThrow(deps.orgChart, actorId, caseId, await teamOf(deps.db, caseId));
    return escalateDialog(caseId);
  });
  submit(
    CASE_VERBS.escalate,
    async ({ data, actorId }) => {
      await escalateCase(deps, { caseId: str(data, 'caseId'), actorId, reason: str(data, 'reason') });
      return null;
    },
    async (data, error) => escalateDialog(str(data, 'caseId'), stringValues(data), error),
  );

  // History is for everyone in the org chart, viewers included; Older / Newer page through it in the same dialog.
  const history = async (data: TData, page: THistoryPage = {}) => {
    const caseId = str(data, 'caseId');
    const events = await deps.db.caseEvent.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
    return historyDialog(caseId, events.map((e) => describeEvent(deps.orgChart, e)), page);
  };
  fetch(CASE_VERBS.history, ({ data }) => history(data));
  submit(
    CASE_VERBS.history,
    ({ data }) => history(data, { ...(typeof data.to === 'number' && { to: data.to }), ...(typeof data.from === 'number' && { from: data.from }) }),
    (data) => history(data),
  );
}
