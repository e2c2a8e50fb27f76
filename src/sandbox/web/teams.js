// @ts-check
import { el } from './blocks.js';
import { cardMarkdownToHtml } from './card-markdown.js';

/**
 * The Teams view: the same cases as Adaptive Cards, rendered by Microsoft's `adaptivecards` package (served from
 * this server). Action.Execute becomes an `adaptiveCard/action` invoke, an Action.Submit with `msteams.type:
 * task/fetch` opens a dialog (`task/fetch`, then `task/submit`), as in Teams.
 */

/** @type {any} */
const AC = /** @type {any} */ (window).AdaptiveCards;

/** Teams-like colours and spacing for the renderer. */
const HOST_CONFIG = {
  fontFamily: 'system-ui, "Segoe UI", sans-serif',
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 12 },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, attention: { default: '#c4314b' }, good: { default: '#237b4b' }, warning: { default: '#835c00' }, accent: { default: '#5b5fc7' } } },
    emphasis: { backgroundColor: '#f5f5f5', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, attention: { default: '#c4314b' }, good: { default: '#237b4b' }, warning: { default: '#835c00' }, accent: { default: '#5b5fc7' } } },
  },
  actions: { maxActions: 10, buttonSpacing: 8, showCard: { actionMode: 'inline' }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
};

let markdownReady = false;
function setupRenderer() {
  if (markdownReady || !AC) return;
  markdownReady = true;
  // The renderer puts this HTML in the page: cardMarkdownToHtml escapes every character of the card text first.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = cardMarkdownToHtml(text);
    result.didProcess = true;
  };
}

/**
 * @param {any} card
 * @param {(action: any) => void} onAction
 */
function renderCard(card, onAction) {
  setupRenderer();
  if (!AC) return el('div', 'bk-unknown', 'The Adaptive Cards renderer did not load.');
  const ac = new AC.AdaptiveCard();
  ac.hostConfig = new AC.HostConfig(HOST_CONFIG);
  ac.onExecuteAction = onAction;
  try {
    ac.parse(card);
    return ac.render() ?? el('div', 'bk-unknown', '(empty card)');
  } catch (err) {
    return el('div', 'bk-unknown', `This card could not be rendered: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const isTop = (m) => !m.replyToId;

/**
 * @param {any} ui
 * @param {{ act: (path: string, body: any) => Promise<any>, notice: (t: string, kind?: string) => void, changed: (key: string, sig: string, fn: () => void) => void }} h
 */
export function renderTeams(ui, h) {
  const channels = ui.session.teamsChannels;
  ui.teamsChannel ??= channels.find((c) => c.team === ui.session.members.find((m) => m.id === ui.me)?.team)?.id ?? channels[0]?.id;
  const messages = ui.state.teams.messages;
  h.changed('teams-sidebar', JSON.stringify([ui.teamsChannel, messages.length]), () => {
    const list = document.getElementById('teams-channels');
    list?.replaceChildren();
    for (const c of channels) {
      const li = el('li');
      const b = /** @type {HTMLButtonElement} */ (el('button', `chan${c.id === ui.teamsChannel ? ' current' : ''}`, c.name));
      b.type = 'button';
      b.addEventListener('click', () => {
        ui.teamsChannel = c.id;
        ui.rendered = {};
        renderTeams(ui, h);
      });
      li.append(b);
      list?.append(li);
    }
  });
  const inChannel = messages.filter((m) => m.channel === ui.teamsChannel);
  h.changed('teams-channel', JSON.stringify([ui.teamsChannel, ui.me, inChannel]), () => {
    const title = document.getElementById('teams-title');
    if (title) title.textContent = channels.find((c) => c.id === ui.teamsChannel)?.name ?? '';
    const box = /** @type {HTMLElement} */ (document.getElementById('teams-messages'));
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    box.replaceChildren();
    const tops = inChannel.filter(isTop);
    if (!tops.length) box.append(el('p', 'empty', 'No posts yet. Cards for this team appear here, as in a Teams channel.'));
    for (const m of tops) {
      const post = el('article', 'teams-post');
      post.dataset.id = m.id;
      post.append(teamsMessage(ui, h, m));
      const replies = inChannel.filter((r) => r.replyToId === m.id);
      if (replies.length) {
        const thread = el('div', 'teams-replies');
        for (const r of replies) thread.append(teamsMessage(ui, h, r));
        post.append(thread);
      }
      box.append(post);
    }
    if (atBottom) box.scrollTop = box.scrollHeight;
  });
  const form = /** @type {HTMLFormElement} */ (document.getElementById('teams-composer'));
  if (!form.dataset.bound) {
    form.dataset.bound = '1';
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const input = /** @type {HTMLInputElement} */ (document.getElementById('teams-input'));
      const text = input.value.replace(/^@?earshot\s*/i, '').trim();
      if (!text) return;
      input.value = '';
      void h.act('/teams/message', { channel: ui.teamsChannel, text });
    });
    for (const id of ['dialog-x']) document.getElementById(id)?.addEventListener('click', closeDialog);
  }
}

/** @param {any} ui @param {any} h @param {any} m */
function teamsMessage(ui, h, m) {
  const box = el('div', 'teams-msg');
  const who = m.fromUser ? (ui.session.members.find((x) => x.teamsUserId === m.fromUser)?.name ?? 'Someone') : 'Earshot';
  const head = el('div', 'msg-head');
  head.append(el('span', 'msg-author', who));
  if (!m.fromUser) head.append(el('span', 'app-tag', 'APP'));
  box.append(head);
  const card = m.activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  if (card) box.append(renderCard(card, (action) => void onCardAction(ui, h, m, action)));
  else if (m.activity?.text) box.append(el('div', 'msg-text', String(m.activity.text)));
  return box;
}

/** @param {any} ui @param {any} h @param {any} m @param {any} action */
async function onCardAction(ui, h, m, action) {
  const type = action.getJsonTypeName();
  if (type === 'Action.OpenUrl') {
    const url = String(action.url ?? '');
    if (/^https?:/.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
    return;
  }
  const data = action.data && typeof action.data === 'object' ? { ...action.data } : {};
  if (type === 'Action.Execute') {
    const step = await h.act('/teams/execute', { channel: m.channel, messageId: m.id, verb: action.verb ?? '', data });
    showStep(ui, h, step, m.channel);
    return;
  }
  if (type === 'Action.Submit' && data.msteams?.type === 'task/fetch') {
    delete data.msteams;
    const step = await h.act('/teams/fetch', { channel: m.channel, messageId: m.id, data });
    showStep(ui, h, step, m.channel);
  }
}

/** What an invoke answered: a dialog card, a message for the person, or nothing. */
function showStep(ui, h, step, channel) {
  if (!step) return;
  if (step.kind === 'message') {
    const back = document.getElementById('dialog-backdrop');
    if (back && !back.hidden) {
      const msg = /** @type {HTMLElement} */ (document.getElementById('dialog-message'));
      msg.textContent = step.text;
      msg.hidden = false;
    } else h.notice(step.text, 'info');
    return;
  }
  if (step.kind === 'close') return closeDialog();
  const back = /** @type {HTMLElement} */ (document.getElementById('dialog-backdrop'));
  const title = /** @type {HTMLElement} */ (document.getElementById('dialog-title'));
  const body = /** @type {HTMLElement} */ (document.getElementById('dialog-body'));
  /** @type {HTMLElement} */ (document.getElementById('dialog-message')).hidden = true;
  title.textContent = step.title;
  body.replaceChildren(
    renderCard(step.card, async (action) => {
      const type = action.getJsonTypeName();
      if (type !== 'Action.Submit' && type !== 'Action.Execute') return;
      // adaptivecards merges the inputs' values into the action's data, as Teams sends them.
      const data = action.data && typeof action.data === 'object' ? { ...action.data } : {};
      const next = await h.act('/teams/submit', { channel, data });
      showStep(ui, h, next, channel);
    }),
  );
  back.hidden = false;
}

function closeDialog() {
  const back = document.getElementById('dialog-backdrop');
  if (back) back.hidden = true;
}
