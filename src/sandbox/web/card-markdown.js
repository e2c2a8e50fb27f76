// @ts-check
/**
 * The markdown subset Teams renders in Adaptive Card TextBlocks (**bold**, _italic_, [label](url), line breaks,
 * CommonMark backslash escapes). The renderer inserts the result as HTML, so every character of the input is
 * escaped first and only our own tags are added afterwards: no input text can become markup.
 */

const ESC = /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

/** @param {string} text @returns {string} HTML */
export function cardMarkdownToHtml(text) {
  // Backslash escapes become placeholders first, so an escaped `*` never starts emphasis.
  /** @type {string[]} */
  const literals = [];
  // Teams mentions (`<at>Name</at>`, backed by the activity's mention entities) show as a highlighted name; card
  // text from users has its `<` broken by the bot, so only Earshot's own mentions match.
  /** @type {string[]} */
  const mentions = [];
  const unmentioned = String(text).replace(/<at>([^<]{1,200})<\/at>/g, (_m, name) => `\u0001${mentions.push(name) - 1}\u0001`);
  const held = unmentioned.replace(/\\([\\`*_{}[\]()#+\-.!~>|])/g, (_m, ch) => `\u0000${literals.push(ch) - 1}\u0000`);
  let html = escapeHtml(held);
  html = html.replace(/\[([^\]\u0000]+)\]\(([^)\s]+)\)/g, (_m, label, url) => {
    const href = safeUrl(url.replace(/&amp;/g, '&'));
    return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>` : label;
  });
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,!?:;])/g, '$1<em>$2</em>');
  html = html.replace(/(^|[\s(])\*([^*]+)\*(?=$|[\s).,!?:;])/g, '$1<em>$2</em>');
  html = html.replace(/\n/g, '<br>');
  html = html.replace(/\u0001(\d+)\u0001/g, (_m, i) => `<span class="mrk-mention">${escapeHtml(mentions[Number(i)] ?? '')}</span>`);
  return html.replace(/\u0000(\d+)\u0000/g, (_m, i) => escapeHtml(literals[Number(i)] ?? ''));
}

/** @param {string} url */
function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:' ? u.href : null;
  } catch {
    return null;
  }
}
