import { prefillLine, tokenLine, type TAssistView } from '../../views/reply-assist-view.js';
import { escapeMrkdwn, plain, quote } from '../mrkdwn.js';
import type { types } from '@slack/bolt';
import type { TBlock } from './case-card.js';

const ACTIONS = { pick: 'reply.saved.pick', ai: 'reply.ai', use: 'reply.ai.use' } as const;
const context = (text: string): TBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/**
 * The Reply modal's suggestions: where the text came from, the next two saved replies as buttons, "Draft with AI",
 * and the draft's state — streaming, in the box, offered, flagged with its reasons, or failed with what was kept.
 * Every text here is escaped: a draft is model output built from a customer's post.
 */
export function assistBlocks(a: TAssistView): TBlock[] {
  const blocks: TBlock[] = [];
  const ai = a.ai;
  const line = prefillLine(a);
  if (line && ai.kind !== 'ready' && !(ai.kind === 'flagged' && ai.used)) blocks.push(context(`:bookmark: ${escapeMrkdwn(line)}`));
  const buttons: types.Button[] = a.next.map((n, i) => ({
    type: 'button' as const,
    action_id: `${ACTIONS.pick}:${i}`,
    text: { type: 'plain_text', text: plain(`Use “${n.title}”`, 75) },
    value: n.id,
  }));
  if (ai.kind === 'available' || ai.kind === 'failed') buttons.push({ type: 'button' as const, action_id: ACTIONS.ai, text: { type: 'plain_text', text: ai.kind === 'failed' ? 'Try AI draft again' : 'Draft with AI' }, value: 'draft' });
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'reply_assist', elements: buttons });
  switch (ai.kind) {
    case 'off':
    case 'available':
      break;
    case 'unavailable':
      blocks.push(context(`:no_entry_sign: ${escapeMrkdwn(ai.reason)}`));
      break;
    case 'running':
      blocks.push({ type: 'section', block_id: 'reply_ai', text: { type: 'mrkdwn', text: `:hourglass_flowing_sand: *Drafting with AI…* It lands in the box below when done; nothing is sent.${ai.partial ? `\n${quote(ai.partial, 2500)}` : ''}` } });
      break;
    case 'ready':
      blocks.push(context(`:sparkles: The AI draft (${escapeMrkdwn(tokenLine(ai.model, ai.tokens))}) is in the box below. Check every word before sending.${notes(ai.notes)}`));
      break;
    case 'offered':
      blocks.push(
        { type: 'section', block_id: 'reply_ai', text: { type: 'mrkdwn', text: `:sparkles: *AI draft* (${escapeMrkdwn(tokenLine(ai.model, ai.tokens))}). You had typed meanwhile, so it was not put in the box.${notes(ai.notes)}\n${quote(ai.text, 2500)}` } },
        { type: 'actions', block_id: 'reply_ai_use', elements: [{ type: 'button', action_id: ACTIONS.use, text: { type: 'plain_text', text: 'Use this draft' }, value: ai.draftId }] },
      );
      break;
    case 'flagged': {
      const reasons = ai.reasons.map((r) => `• ${escapeMrkdwn(r)}`).join('\n');
      if (ai.used) {
        blocks.push(context(`:warning: The box holds an AI draft that failed Earshot's checks:\n${reasons}\nEdit it before sending.`));
        break;
      }
      blocks.push(
        { type: 'section', block_id: 'reply_ai', text: { type: 'mrkdwn', text: `:warning: *The AI draft was not put in the box* (${escapeMrkdwn(tokenLine(ai.model, ai.tokens))}):\n${reasons}\n${quote(ai.text, 2000)}` } },
        { type: 'actions', block_id: 'reply_ai_use', elements: [{ type: 'button', action_id: ACTIONS.use, style: 'danger', text: { type: 'plain_text', text: 'Use it anyway, to edit' }, value: ai.draftId }] },
      );
      break;
    }
    case 'failed':
      blocks.push(context(`:warning: ${escapeMrkdwn(ai.reason)} No AI draft; the box keeps ${escapeMrkdwn(ai.kept)}.`));
      break;
  }
  return blocks;
}

const notes = (n: string[]) => (n.length ? ` ${n.map(escapeMrkdwn).join(' ')}` : '');
