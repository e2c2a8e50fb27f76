import { prefillLine, tokenLine, type TAssistView } from '../../views/reply-assist-view.js';
import type { TAction, TElement } from './adaptive-card.js';
import { escapeCardMarkdown, literalBlock, textBlock, truncate } from './card-text.js';
import { submit } from './dialog.js';

/** Intents of the Reply dialog's suggestion buttons (Action.Submit data.intent). */
export const ASSIST_INTENTS = { pick: 'pick', ai: 'ai', check: 'ai-check', use: 'ai-use' } as const;

/** A short button label for a saved reply: Teams puts buttons that do not fit on one line behind a menu. */
export const useLabel = (title: string) => `Use “${truncate(title, 24).replace(/\s+…$/, '…')}”`;

const small = (text: string, extra: Record<string, unknown> = {}) => textBlock(text, { size: 'Small', wrap: true, ...extra });
const actionSet = (actions: TAction[]): TElement => ({ type: 'ActionSet', actions });

/**
 * The Reply dialog's suggestions as Adaptive Card elements: where the text came from, the next two saved replies,
 * "Draft with AI" (disabled with the reason when today's cap is used up), and the draft's state. Teams dialogs
 * cannot be pushed to, so a draft still being written has a "Check AI draft" button instead of streaming.
 * `data` rides along on every button so the next render knows the case and the draft.
 */
export function assistElements(a: TAssistView, verb: string, data: Record<string, unknown>): TElement[] {
  const out: TElement[] = [];
  const ai = a.ai;
  const line = prefillLine(a);
  if (line && ai.kind !== 'ready' && !(ai.kind === 'flagged' && ai.used)) out.push(small(`🔖 ${escapeCardMarkdown(line)}`, { isSubtle: true }));
  const buttons: TAction[] = a.next.map((n) => submit(useLabel(n.title), verb, { ...data, pick: n.id }, ASSIST_INTENTS.pick));
  if (ai.kind === 'available' || ai.kind === 'failed') buttons.push(submit(ai.kind === 'failed' ? 'Try AI draft again' : 'Draft with AI', verb, data, ASSIST_INTENTS.ai));
  if (ai.kind === 'unavailable') buttons.push({ ...submit('Draft with AI', verb, data, ASSIST_INTENTS.ai), isEnabled: false, tooltip: ai.reason.slice(0, 200) });
  if (buttons.length) out.push(actionSet(buttons));
  switch (ai.kind) {
    case 'off':
    case 'available':
      break;
    case 'unavailable':
      out.push(small(`🚫 ${escapeCardMarkdown(ai.reason)}`, { color: 'Warning' }));
      break;
    case 'running':
      out.push(
        small('⏳ **Drafting with AI…** Teams dialogs cannot update by themselves: press *Check AI draft* in a few seconds. Nothing is sent.'),
        ...(ai.partial ? [{ type: 'Container', style: 'emphasis', items: [literalBlock(ai.partial, 3000)] }] : []),
        actionSet([submit('Check AI draft', verb, { ...data, draftId: ai.draftId }, ASSIST_INTENTS.check)]),
      );
      break;
    case 'ready':
      out.push(small(`✨ The AI draft (${escapeCardMarkdown(tokenLine(ai.model, ai.tokens))}) is in the box below. Check every word before sending.${ai.notes.length ? ` ${escapeCardMarkdown(ai.notes.join(' '))}` : ''}`));
      break;
    case 'offered':
      out.push(
        small(`✨ **AI draft** (${escapeCardMarkdown(tokenLine(ai.model, ai.tokens))}). You had changed the text, so it was not put in the box.`),
        { type: 'Container', style: 'emphasis', items: [literalBlock(ai.text, 3000)] },
        actionSet([submit('Use this draft', verb, { ...data, draftId: ai.draftId }, ASSIST_INTENTS.use)]),
      );
      break;
    case 'flagged': {
      const reasons = ai.reasons.map((r) => `- ${escapeCardMarkdown(r)}`).join('\n');
      if (ai.used) {
        out.push({ type: 'Container', style: 'warning', items: [small(`⚠️ The box holds an AI draft that failed Earshot's checks:\n${reasons}\n\nEdit it before sending.`)] });
        break;
      }
      out.push(
        { type: 'Container', style: 'warning', items: [small(`⚠️ **The AI draft was not put in the box** (${escapeCardMarkdown(tokenLine(ai.model, ai.tokens))}):\n${reasons}`), literalBlock(ai.text, 3000)] },
        actionSet([submit('Use it anyway, to edit', verb, { ...data, draftId: ai.draftId }, ASSIST_INTENTS.use, 'destructive')]),
      );
      break;
    }
    case 'failed':
      out.push(small(`⚠️ ${escapeCardMarkdown(ai.reason)} No AI draft; the box keeps ${escapeCardMarkdown(ai.kept)}.`, { color: 'Warning' }));
      break;
  }
  return out;
}
