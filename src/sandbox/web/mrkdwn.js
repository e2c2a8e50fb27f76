// @ts-check
/**
 * Slack mrkdwn, parsed as Slack clients do, into a small tree and then into DOM nodes built with createElement and
 * textContent only: message text is attacker-controlled, so nothing here ever becomes HTML.
 *
 * Rules followed: `&amp; &lt; &gt;` are entities (apps escape user text that way), a literal `<` opens a control
 * sequence (`<@U…>`, `<#C…>`, `<!here>`, `<!date^…|…>`, `<url|label>`), `*bold* _italic_ ~strike~ \`code\``
 * need word boundaries, ``` fences a block, a line starting with `>` is quoted.
 */

/** @typedef {{ t: 'text', v: string } | { t: 'b' | 'i' | 's' | 'quote', c: TNode[] } | { t: 'code' | 'pre', v: string }
 *   | { t: 'link', href: string | null, c: TNode[] } | { t: 'user', id: string } | { t: 'channel', id: string, label: string | null }
 *   | { t: 'special', v: string } | { t: 'date', ts: number, format: string, fallback: string } | { t: 'br' }} TNode */

/** The shortcodes Earshot's messages use, plus common ones; unknown codes stay as typed. */
export const EMOJI = {
  white_check_mark: '✅', warning: '⚠️', rotating_light: '🚨', alarm_clock: '⏰', telephone_receiver: '📞', leftwards_arrow_with_hook: '↩️',
  hourglass_flowing_sand: '⏳', white_circle: '⚪', straight_ruler: '📏', stopwatch: '⏱️', speech_balloon: '💬', red_circle: '🔴',
  raising_hand: '🙋', raised_hand: '✋', outbox_tray: '📤', no_entry_sign: '🚫', no_entry: '⛔', new: '🆕', lock: '🔒',
  large_yellow_circle: '🟡', large_orange_circle: '🟠', large_green_circle: '🟢', large_blue_circle: '🔵', information_source: 'ℹ️',
  hourglass: '⌛', eyes: '👀', dm: '✉️', busts_in_silhouette: '👥', ballot_box_with_check: '☑️', bar_chart: '📊', chart_with_upwards_trend: '📈',
  memo: '📝', bell: '🔔', fire: '🔥', x: '❌', heavy_check_mark: '✔️', thumbsup: '👍', '+1': '👍', wave: '👋', email: '📧', link: '🔗',
  bust_in_silhouette: '👤', calendar: '📅', clock1: '🕐', mag: '🔍', trophy: '🏆', star: '⭐', sparkles: '✨', zap: '⚡', pushpin: '📌',
  arrow_up: '⬆️', arrow_down: '⬇️', repeat: '🔁', inbox_tray: '📥', mailbox: '📫', label: '🏷️', spiral_note_pad: '🗒️', hammer_and_wrench: '🛠️',
  shield: '🛡️', globe_with_meridians: '🌐', heart: '❤️', slightly_frowning_face: '🙁', neutral_face: '😐', slightly_smiling_face: '🙂',
  smile: '😄', rage: '😡', 'heavy_minus_sign': '➖', 'broken_heart': '💔',
};

/** Slack's three entities, decoded once. */
export function decodeEntities(s) {
  return s.replace(/&(amp|lt|gt);/g, (_m, e) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));
}

/**
 * @param {string} text
 * @returns {TNode[]}
 */
export function parseMrkdwn(text) {
  /** @type {TNode[]} */
  const out = [];
  const parts = String(text).split('```');
  parts.forEach((part, i) => {
    // Odd parts sit between fences (an unclosed fence is plain text).
    if (i % 2 === 1 && i < parts.length - 1) {
      out.push({ t: 'pre', v: decodeEntities(part.replace(/^\n/, '')) });
      return;
    }
    const chunk = i % 2 === 1 ? '```' + part : part;
    const lines = chunk.split('\n');
    /** @type {string[]} */
    let quoted = [];
    const flushQuote = () => {
      if (!quoted.length) return;
      out.push({ t: 'quote', c: joinLines(quoted) });
      quoted = [];
    };
    lines.forEach((line, li) => {
      if (line.startsWith('>')) {
        quoted.push(line.slice(1).replace(/^ /, ''));
        return;
      }
      flushQuote();
      out.push(...parseInline(line));
      if (li < lines.length - 1) out.push({ t: 'br' });
    });
    flushQuote();
  });
  return out;
}

/** @param {string[]} lines */
function joinLines(lines) {
  /** @type {TNode[]} */
  const out = [];
  lines.forEach((l, i) => {
    out.push(...parseInline(l));
    if (i < lines.length - 1) out.push({ t: 'br' });
  });
  return out;
}

const MARKS = /** @type {const} */ ({ '*': 'b', _: 'i', '~': 's' });
const BOUNDARY = /[\s.,;:!?()[\]{}"'\-\/]/;

/**
 * One line: control sequences, code spans, marks and emoji; everything else is text.
 * @param {string} line
 * @returns {TNode[]}
 */
export function parseInline(line) {
  /** @type {TNode[]} */
  const out = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push(...emojiText(decodeEntities(buf)));
    buf = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '<') {
      const end = line.indexOf('>', i + 1);
      if (end > i) {
        flush();
        out.push(control(line.slice(i + 1, end)));
        i = end;
        continue;
      }
    }
    if (ch === '`') {
      const end = line.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'code', v: decodeEntities(line.slice(i + 1, end)) });
        i = end;
        continue;
      }
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      const before = i === 0 ? ' ' : line[i - 1];
      const end = closing(line, i, ch);
      if (BOUNDARY.test(before ?? ' ') && end > 0) {
        flush();
        out.push({ t: MARKS[ch], c: parseInline(line.slice(i + 1, end)) });
        i = end;
        continue;
      }
    }
    buf += ch;
  }
  flush();
  return out;
}

/** Where a mark opened at `i` closes on this line, or -1: not before a space, and followed by a boundary. */
function closing(line, i, ch) {
  if (!line[i + 1] || /\s/.test(line[i + 1] ?? '')) return -1;
  for (let j = i + 2; j < line.length; j++) {
    if (line[j] === '<') {
      const skip = line.indexOf('>', j);
      if (skip > j) j = skip;
      continue;
    }
    if (line[j] === ch && !/\s/.test(line[j - 1] ?? '') && (j + 1 >= line.length || BOUNDARY.test(line[j + 1] ?? ' ') || line[j + 1] === '<')) return j;
  }
  return -1;
}

/**
 * @param {string} s
 * @returns {TNode[]}
 */
function emojiText(s) {
  /** @type {TNode[]} */
  const out = [];
  let last = 0;
  for (const m of s.matchAll(/:([a-z0-9_+-]+):/g)) {
    const glyph = /** @type {Record<string, string>} */ (EMOJI)[m[1] ?? ''];
    if (!glyph) continue;
    if (m.index > last) out.push({ t: 'text', v: s.slice(last, m.index) });
    out.push({ t: 'text', v: glyph });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ t: 'text', v: s.slice(last) });
  return out;
}

/**
 * What is between `<` and `>`.
 * @param {string} inner
 * @returns {TNode}
 */
function control(inner) {
  const bar = inner.indexOf('|');
  const head = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : null;
  if (head.startsWith('@')) return { t: 'user', id: head.slice(1) };
  if (head.startsWith('#')) return { t: 'channel', id: head.slice(1), label: label && decodeEntities(label) };
  if (head.startsWith('!date^')) {
    const [, ts, format] = head.split('^');
    return { t: 'date', ts: Number(ts), format: format ?? '{date_short}', fallback: decodeEntities(label ?? '') };
  }
  if (head.startsWith('!subteam^')) return { t: 'special', v: `@${decodeEntities(label ?? 'group')}` };
  if (head.startsWith('!')) return { t: 'special', v: `@${head.slice(1)}` };
  const href = safeHref(decodeEntities(head));
  return { t: 'link', href, c: label === null ? [{ t: 'text', v: decodeEntities(head) }] : parseInline(label) };
}

/** Only web and mail links are followed; `javascript:` and friends render as text. */
export function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.href : null;
  } catch {
    return null;
  }
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * `<!date>` in the viewer's own time zone, as Slack renders it.
 * @param {number} ts seconds
 * @param {string} format
 * @param {Date} now
 */
export function formatSlackDate(ts, format, now = new Date()) {
  const d = new Date(ts * 1000);
  if (!Number.isFinite(d.getTime())) return '';
  const day = (opts) => d.toLocaleDateString('en-GB', opts);
  const sameDay = (a, b) => a.toDateString() === b.toDateString();
  const yesterday = new Date(now.getTime() - 86_400_000);
  const tomorrow = new Date(now.getTime() + 86_400_000);
  const pretty = (fallback) => (sameDay(d, now) ? 'today' : sameDay(d, yesterday) ? 'yesterday' : sameDay(d, tomorrow) ? 'tomorrow' : fallback);
  const mins = Math.round((now.getTime() - d.getTime()) / 60_000);
  const ago = Math.abs(mins) < 60 ? `${Math.abs(mins)} minutes` : Math.abs(mins) < 1440 ? `${Math.round(Math.abs(mins) / 60)} hours` : `${Math.round(Math.abs(mins) / 1440)} days`;
  const tokens = {
    date_num: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    date: day({ day: 'numeric', month: 'long', year: 'numeric' }),
    date_short: day({ day: 'numeric', month: 'short', year: 'numeric' }),
    date_long: day({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
    date_pretty: pretty(day({ day: 'numeric', month: 'long', year: 'numeric' })),
    date_short_pretty: pretty(day({ day: 'numeric', month: 'short', year: 'numeric' })),
    date_long_pretty: pretty(day({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })),
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
    time_secs: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
    ago: mins >= 0 ? `${ago} ago` : `in ${ago}`,
  };
  return format.replace(/\{(\w+)\}/g, (m, k) => /** @type {Record<string, string>} */ (tokens)[k] ?? m);
}

/**
 * @typedef {{ userName: (id: string) => string, channelName: (id: string) => string, onPermalink?: (channel: string, ts: string) => void, now?: Date }} TRenderContext
 */

/**
 * @param {TNode[]} nodes
 * @param {TRenderContext} ctx
 * @returns {DocumentFragment}
 */
export function toDom(nodes, ctx) {
  const frag = document.createDocumentFragment();
  for (const n of nodes) frag.append(nodeDom(n, ctx));
  return frag;
}

/** @param {TNode} n @param {TRenderContext} ctx @returns {Node} */
function nodeDom(n, ctx) {
  const el = (tag, cls) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  };
  switch (n.t) {
    case 'text':
      return document.createTextNode(n.v);
    case 'br':
      return el('br');
    case 'b':
    case 'i':
    case 's': {
      const e = el(n.t === 'b' ? 'strong' : n.t === 'i' ? 'em' : 's');
      e.append(toDom(n.c, ctx));
      return e;
    }
    case 'quote': {
      const e = el('blockquote', 'mrk-quote');
      e.append(toDom(n.c, ctx));
      return e;
    }
    case 'code': {
      const e = el('code', 'mrk-code');
      e.textContent = n.v;
      return e;
    }
    case 'pre': {
      const e = el('pre', 'mrk-pre');
      e.textContent = n.v;
      return e;
    }
    case 'user': {
      const e = el('span', 'mrk-mention');
      e.textContent = `@${ctx.userName(n.id)}`;
      return e;
    }
    case 'channel': {
      const e = el('span', 'mrk-mention');
      e.textContent = `#${n.label ?? ctx.channelName(n.id)}`;
      return e;
    }
    case 'special': {
      const e = el('span', 'mrk-mention mrk-special');
      e.textContent = n.v;
      return e;
    }
    case 'date': {
      const e = el('time');
      e.textContent = formatSlackDate(n.ts, n.format, ctx.now) || n.fallback;
      e.title = n.fallback;
      return e;
    }
    case 'link': {
      if (!n.href) {
        const e = el('span', 'mrk-badlink');
        e.append(toDom(n.c, ctx));
        return e;
      }
      const a = /** @type {HTMLAnchorElement} */ (el('a'));
      a.href = n.href;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.append(toDom(n.c, ctx));
      // Slack permalinks point into this workspace: follow them inside the sandbox.
      const perma = /^https:\/\/slack\.com\/archives\/([A-Z0-9]+)\/p(\d{10})(\d{6})/.exec(n.href);
      if (perma && ctx.onPermalink) {
        a.addEventListener('click', (ev) => {
          ev.preventDefault();
          ctx.onPermalink?.(perma[1] ?? '', `${perma[2]}.${perma[3]}`);
        });
      }
      return a;
    }
  }
}

/**
 * A text object (`mrkdwn` or `plain_text`) as DOM.
 * @param {{ type?: string, text?: string, emoji?: boolean } | undefined} obj
 * @param {TRenderContext} ctx
 */
export function textObject(obj, ctx) {
  if (!obj) return document.createDocumentFragment();
  if (obj.type === 'mrkdwn') return toDom(parseMrkdwn(obj.text ?? ''), ctx);
  // plain_text is not parsed, but Slack still turns :shortcodes: into emoji.
  return toDom(emojiText(obj.text ?? ''), ctx);
}
