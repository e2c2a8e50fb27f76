const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Mastodon's `status.content` (sanitised HTML from any server in the fediverse, so still hostile) as plain
 * text: paragraphs and line breaks kept, every tag dropped, entities decoded exactly once. One forward scan
 * (no backtracking regex), so crafted markup cannot stall the poller; the result is text for renderers to
 * escape, never markup.
 */
export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const gt = html.indexOf('>', lt);
    // No ">" after this "<" means none after any later "<" either: the rest is an unterminated tag.
    if (gt === -1) break;
    const name = /^\/?([a-z0-9]{1,10})/i.exec(html.slice(lt + 1, Math.min(gt, lt + 12)))?.[0]?.toLowerCase();
    if (name === 'br') out += '\n';
    else if (name === '/p') out += '\n\n';
    i = gt + 1;
  }
  return decodeEntities(out).replace(/\n{3,}/g, '\n\n').trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (all, ent: string) => {
    if (ent[0] !== '#') return NAMED[ent.toLowerCase()] ?? all;
    const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
}
