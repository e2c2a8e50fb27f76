// @ts-check
import { api } from './api.js';
import { el, renderBlocks, stateValues, typedValues } from './blocks.js';
import { parseMrkdwn, toDom } from './mrkdwn.js';
import { renderTeams } from './teams.js';

/**
 * The sandbox page: a Slack-like workspace (channels, threads, ephemerals, modals, a DM), a Teams view of the same
 * cases, and the outbox of replies that would have reached platforms. It long-polls the workspace state and sends
 * each click to the sandbox, which relays it to Earshot exactly as Slack or Teams would.
 */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {{ session: any, state: any, me: string, channel: string, thread: string | null, tab: string, version: number, poll: AbortController | null, rendered: Record<string, string>, modalKey: string }} */
const ui = { session: null, state: null, me: '', channel: '', thread: null, tab: 'slack', version: -1, poll: null, rendered: {}, modalKey: '' };

const member = () => ui.session.members.find((m) => m.id === ui.me);
const slackId = () => member()?.slackUserId ?? '';
const userName = (id) => ui.session.users[id] ?? id;
const channelName = (id) => ui.session.channels.find((c) => c.id === id)?.name ?? id;
const ctx = () => ({ userName, channelName, onPermalink: openPermalink, now: new Date() });

function notice(text, kind = 'error') {
  const n = $('notice');
  n.textContent = text;
  n.className = `notice ${kind}`;
  n.hidden = false;
  clearTimeout(/** @type {any} */ (notice).t);
  /** @type {any} */ (notice).t = setTimeout(() => (n.hidden = true), 6000);
}

/** Every action goes through here: a refusal from the sandbox is shown, never swallowed. */
async function act(path, body) {
  try {
    return await api(path, { as: ui.me, ...body });
  } catch (err) {
    notice(err instanceof Error ? err.message : String(err));
    return null;
  }
}

async function boot() {
  ui.session = await api('/session');
  $('org').textContent = ui.session.organisation;
  const who = /** @type {HTMLSelectElement} */ ($('whoami'));
  const teams = [...new Set(ui.session.members.map((m) => m.teamName))];
  for (const t of teams) {
    const g = /** @type {HTMLOptGroupElement} */ (el('optgroup'));
    g.label = t;
    for (const m of ui.session.members.filter((x) => x.teamName === t)) {
      const o = /** @type {HTMLOptionElement} */ (el('option', '', `${m.name} — ${m.role}${m.needsApproval ? ', needs approval' : ''}${m.manager ? ', manager' : ''}`));
      o.value = m.id;
      g.append(o);
    }
    who.append(g);
  }
  const saved = localStorage.getItem('earshot-sandbox-me');
  ui.me = ui.session.members.some((m) => m.id === saved) ? saved : ui.session.members[0]?.id;
  who.value = ui.me;
  ui.channel = ui.session.channels.find((c) => c.team === member()?.team)?.id ?? ui.session.channels[0]?.id;
  who.addEventListener('change', () => {
    ui.me = who.value;
    localStorage.setItem('earshot-sandbox-me', ui.me);
    ui.channel = ui.session.channels.find((c) => c.team === member()?.team)?.id ?? ui.channel;
    ui.thread = null;
    restartPolling();
  });
  for (const b of document.querySelectorAll('[data-tab]')) {
    b.addEventListener('click', () => showTab(/** @type {HTMLElement} */ (b).dataset.tab ?? 'slack'));
  }
  $('traffic-toggle').addEventListener('click', async () => {
    const running = ui.state?.traffic?.running;
    const rate = Number(/** @type {HTMLSelectElement} */ ($('traffic-rate')).value);
    try {
      await api('/traffic', running ? { action: 'stop' } : { action: 'start', rate });
    } catch (err) {
      notice(String(err instanceof Error ? err.message : err));
    }
  });
  $('digest').addEventListener('click', async () => {
    if (await act('/digest', {})) notice('Digest queued: it arrives in your direct messages with Earshot in a moment.', 'info');
  });
  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('composer-input'));
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    void act('/slack/message', { channel: ui.channel, text });
  });
  $('thread-composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($('thread-input'));
    const text = input.value.trim();
    if (!text || !ui.thread) return;
    input.value = '';
    void act('/slack/message', { channel: ui.channel, text, threadTs: ui.thread });
  });
  $('thread-close').addEventListener('click', () => {
    ui.thread = null;
    render();
  });
  $('modal-cancel').addEventListener('click', closeModal);
  $('modal-x').addEventListener('click', closeModal);
  $('modal-submit').addEventListener('click', submitModal);
  restartPolling();
}

function showTab(tab) {
  ui.tab = tab;
  for (const b of document.querySelectorAll('[data-tab]')) b.setAttribute('aria-selected', String(/** @type {HTMLElement} */ (b).dataset.tab === tab));
  $('slack-view').hidden = tab !== 'slack';
  $('teams-view').hidden = tab !== 'teams';
  $('outbox-view').hidden = tab !== 'outbox';
  ui.rendered = {};
  render();
}

function restartPolling() {
  ui.poll?.abort();
  ui.version = -1;
  ui.rendered = {};
  ui.modalKey = '';
  void poll();
}

async function poll() {
  const ctl = new AbortController();
  ui.poll = ctl;
  while (!ctl.signal.aborted) {
    try {
      const state = await api(`/state?as=${encodeURIComponent(ui.me)}&since=${ui.version}`, undefined, ctl.signal);
      if (ctl.signal.aborted) return;
      ui.state = state;
      ui.version = state.version;
      render();
    } catch (err) {
      if (ctl.signal.aborted) return;
      notice(`Lost the sandbox (${err instanceof Error ? err.message : String(err)}); retrying…`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

function render() {
  if (!ui.state) return;
  renderTop();
  if (ui.tab === 'slack') renderSlack();
  if (ui.tab === 'teams') renderTeams(ui, { act, notice, changed: once });
  if (ui.tab === 'outbox') renderOutbox();
  renderModal();
}

/** Re-render a region only when what it shows changed, so open menus and focus survive unrelated updates. */
function once(key, signature, fn) {
  if (ui.rendered[key] === signature) return;
  ui.rendered[key] = signature;
  fn();
}

function renderTop() {
  const t = ui.state.traffic;
  $('traffic-toggle').textContent = t.running ? '■ Stop sample traffic' : '▶ Feed sample traffic';
  $('traffic-status').textContent = t.sent ? `${t.sent} sample mentions sent${t.running ? '…' : ''}` : '';
  $('outbox-count').textContent = String(ui.state.outbox.length);
  $('digest').hidden = !member()?.manager;
}

const isTop = (m) => !m.thread_ts || m.thread_ts === m.ts;

function renderSlack() {
  const s = ui.state.slack;
  once('sidebar', JSON.stringify([ui.channel, ui.me, s.messages.length]), () => {
    const list = $('channels');
    list.replaceChildren();
    for (const c of ui.session.channels) list.append(channelItem(c.id, `# ${c.name}`, s.messages.filter((m) => m.channel === c.id && isTop(m)).length));
    $('dms').replaceChildren(channelItem(s.dm, 'Earshot (app)', s.messages.filter((m) => m.channel === s.dm).length));
  });
  const inChannel = s.messages.filter((m) => m.channel === ui.channel && (isTop(m) || m.reply_broadcast));
  const ephemerals = s.ephemerals.filter((e) => e.channel === ui.channel && !e.thread_ts);
  const replies = (ts) => s.messages.filter((m) => m.channel === ui.channel && m.thread_ts === ts && m.ts !== ts).length;
  once('channel', JSON.stringify([ui.channel, ui.me, inChannel, ephemerals, inChannel.map((m) => replies(m.ts))]), () => {
    $('channel-title').textContent = ui.channel === s.dm ? 'Earshot — your direct messages' : `# ${channelName(ui.channel)}`;
    const box = $('messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    box.replaceChildren();
    const items = [...inChannel.map((m) => ({ m, eph: false })), ...ephemerals.map((m) => ({ m, eph: true }))].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
    if (!items.length) box.append(el('p', 'empty', ui.channel === s.dm ? 'Digests and Earshot’s messages to you arrive here.' : 'No cards yet. Press “Feed sample traffic” above to send realistic mentions through triage.'));
    for (const { m, eph } of items) box.append(eph ? ephemeralDom(m) : messageDom(m, replies(m.ts)));
    if (atBottom) box.scrollTop = box.scrollHeight;
  });
  const thread = ui.thread ? s.messages.find((m) => m.channel === ui.channel && m.ts === ui.thread) : null;
  $('thread').hidden = !thread;
  if (thread) {
    const items = s.messages.filter((m) => m.channel === ui.channel && m.thread_ts === thread.ts && m.ts !== thread.ts);
    const eph = s.ephemerals.filter((e) => e.channel === ui.channel && e.thread_ts === thread.ts);
    once('thread', JSON.stringify([ui.me, thread, items, eph]), () => {
      const box = $('thread-messages');
      box.replaceChildren(messageDom(thread, 0, true), el('div', 'thread-sep', `${items.length} ${items.length === 1 ? 'reply' : 'replies'}`));
      const all = [...items.map((m) => ({ m, e: false })), ...eph.map((m) => ({ m, e: true }))].sort((a, b) => Number(a.m.ts) - Number(b.m.ts));
      for (const { m, e } of all) box.append(e ? ephemeralDom(m) : messageDom(m, 0, true));
      box.scrollTop = box.scrollHeight;
    });
  } else ui.rendered.thread = '';
}

function channelItem(id, label, count) {
  const li = el('li');
  const b = /** @type {HTMLButtonElement} */ (el('button', `chan${id === ui.channel ? ' current' : ''}`, label));
  b.type = 'button';
  b.dataset.channel = id;
  if (count) b.append(el('span', 'count', String(count)));
  b.addEventListener('click', () => {
    ui.channel = id;
    ui.thread = null;
    ui.rendered = {};
    render();
  });
  li.append(b);
  return li;
}

function timeOf(ts) {
  const d = new Date(Number(ts) * 1000);
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** One message: author, time, Block Kit (or its text), shared files, and the thread link. */
function messageDom(m, replyCount, inThread = false) {
  const box = el('article', 'msg');
  box.dataset.ts = m.ts;
  const head = el('div', 'msg-head');
  head.append(el('span', 'msg-author', m.user ? userName(m.user) : 'Earshot'));
  if (!m.user) head.append(el('span', 'app-tag', 'APP'));
  head.append(el('span', 'msg-time', timeOf(m.ts)));
  if (m.edits) head.append(el('span', 'muted', '(edited)'));
  box.append(head);
  const onAction = (action) => void act('/slack/action', { channel: m.channel, ts: m.ts, action });
  if (m.blocks?.length) box.append(renderBlocks(m.blocks, { ...ctx(), onAction }));
  else if (m.text) {
    const t = el('div', 'msg-text');
    t.append(toDom(parseMrkdwn(m.text), ctx()));
    box.append(t);
  }
  for (const f of m.files ?? []) {
    const fig = el('figure', 'file');
    const img = /** @type {HTMLImageElement} */ (el('img'));
    img.src = `/sandbox/files/${encodeURIComponent(f.id)}`;
    img.alt = f.title;
    fig.append(img, el('figcaption', '', f.title));
    box.append(fig);
  }
  if (!inThread && !m.channel.startsWith('D')) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'thread-link', replyCount ? `${replyCount} ${replyCount === 1 ? 'reply' : 'replies'}` : 'Reply in thread'));
    b.type = 'button';
    b.addEventListener('click', () => {
      ui.thread = m.ts;
      render();
    });
    box.append(b);
  }
  return box;
}

function ephemeralDom(e) {
  const box = el('article', 'msg ephemeral');
  const head = el('div', 'msg-head');
  head.append(el('span', 'msg-author', 'Earshot'), el('span', 'app-tag', 'APP'), el('span', 'msg-time', timeOf(e.ts)), el('span', 'only-you', 'Only visible to you'));
  box.append(head);
  const onAction = (action) => void act('/slack/action', { channel: e.channel, ts: e.ts, ephemeralId: e.id, action });
  if (e.blocks?.length) box.append(renderBlocks(e.blocks, { ...ctx(), onAction }));
  else {
    const t = el('div', 'msg-text');
    t.append(toDom(parseMrkdwn(e.text), ctx()));
    box.append(t);
  }
  return box;
}

function openPermalink(channel, ts) {
  if (!ui.session.channels.some((c) => c.id === channel)) return;
  ui.channel = channel;
  ui.thread = null;
  showTab('slack');
  requestAnimationFrame(() => document.querySelector(`#messages [data-ts="${CSS.escape(ts)}"]`)?.scrollIntoView({ block: 'center' }));
}

function renderModal() {
  const modal = ui.state.slack.modal;
  const back = $('modal-backdrop');
  if (!modal) {
    back.hidden = true;
    ui.modalKey = '';
    return;
  }
  const key = JSON.stringify([modal.id, modal.hash, modal.errors]);
  if (key === ui.modalKey) return;
  const body = $('modal-body');
  // Typing survives an update while a block keeps its id, as in Slack.
  const previous = ui.modalKey && JSON.parse(ui.modalKey)[0] === modal.id ? typedValues(body) : new Map();
  ui.modalKey = key;
  const v = modal.view;
  $('modal-title').textContent = v.title?.text ?? '';
  $('modal-cancel').textContent = v.close?.text ?? 'Cancel';
  const submit = /** @type {HTMLButtonElement} */ ($('modal-submit'));
  submit.hidden = !v.submit;
  submit.textContent = v.submit?.text ?? '';
  submit.disabled = false;
  const onAction = (action) => void act('/slack/view-action', { viewId: modal.id, action, values: stateValues(body, v.blocks ?? []) });
  const focused = document.activeElement?.id;
  body.replaceChildren(renderBlocks(v.blocks ?? [], { ...ctx(), onAction, inModal: true, previous, errors: modal.errors }));
  back.hidden = false;
  const again = focused && document.getElementById(focused);
  if (again) again.focus();
}

function closeModal() {
  const modal = ui.state?.slack.modal;
  if (modal) void act('/slack/close', { viewId: modal.id });
}

async function submitModal() {
  const modal = ui.state?.slack.modal;
  if (!modal) return;
  const submit = /** @type {HTMLButtonElement} */ ($('modal-submit'));
  submit.disabled = true;
  await act('/slack/submit', { viewId: modal.id, values: stateValues($('modal-body'), modal.view.blocks ?? []) });
  submit.disabled = false;
}

function renderOutbox() {
  once('outbox', JSON.stringify(ui.state.outbox), () => {
    const rows = $('outbox-rows');
    rows.replaceChildren();
    if (!ui.state.outbox.length) {
      const tr = el('tr');
      const td = /** @type {HTMLTableCellElement} */ (el('td', 'empty', 'Nothing sent yet. Reply to a case, or move one offline, and what the customer would receive appears here.'));
      td.colSpan = 5;
      tr.append(td);
      rows.append(tr);
    }
    for (const e of [...ui.state.outbox].reverse()) {
      const tr = el('tr');
      tr.append(
        el('td', '', new Date(e.at).toLocaleTimeString('en-GB')),
        el('td', '', e.platform),
        el('td', '', e.visibility === 'public' ? 'public reply' : 'private message'),
        el('td', '', e.author),
        el('td', 'outbox-text', e.text),
      );
      rows.append(tr);
    }
  });
}

void boot().catch((err) => notice(`The sandbox could not start: ${err instanceof Error ? err.message : String(err)}`));
