import TLDS from 'tlds' with { type: 'json' };

/** A link as platforms would make it clickable: explicit URLs, bare domains with a real TLD, and email addresses. */
export interface TFoundLink {
  text: string;
  host: string;
  /** Path after the host ("/help"), empty for a bare host. */
  path: string;
  kind: 'url' | 'email';
}

// Reserved names are not autolinked, but a draft that writes one is still pointing somewhere it should not.
const KNOWN_TLDS = new Set([...TLDS, 'example', 'test', 'invalid', 'localhost']);
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/giu;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,24})\b/giu;
// Not after "@", "." or a word character: "@jane.bsky.social" is a handle, "report.pdf" half of a word.
const BARE_RE = /(?<![\p{L}\p{N}_@.\/-])((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+([\p{L}]{2,24}))(?![\p{L}\p{N}-])(\/[^\s<>"'`]*)?/giu;
const TRAILING = /[.,;:!?)\]}'"’”]+$/u;

/**
 * Finds every link in a text. Used on AI drafts: whatever the model writes, each link is checked against the
 * org chart's allow-list before anyone sees the draft as ready.
 * @example findLinks('see acme-refunds.com or https://status.acme.example/x').map((l) => l.host) // ["acme-refunds.com", "status.acme.example"]
 */
export function findLinks(text: string): TFoundLink[] {
  const found: TFoundLink[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0].replace(TRAILING, '');
    const parsed = parseUrl(raw.startsWith('www.') ? `https://${raw}` : raw);
    taken.push([m.index, m.index + raw.length]);
    found.push({ text: raw, host: parsed?.host ?? raw, path: parsed?.path ?? '', kind: 'url' });
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    taken.push([m.index, m.index + m[0].length]);
    found.push({ text: m[0], host: m[1]!.toLowerCase(), path: '', kind: 'email' });
  }
  for (const m of text.matchAll(BARE_RE)) {
    const tld = m[2]!.toLowerCase();
    if (!KNOWN_TLDS.has(tld) || overlaps(m.index, m.index + m[0].length)) continue;
    const raw = m[0].replace(TRAILING, '');
    found.push({ text: raw, host: m[1]!.toLowerCase(), path: (m[3] ?? '').replace(TRAILING, ''), kind: 'url' });
  }
  return found;
}

function parseUrl(raw: string): { host: string; path: string } | null {
  try {
    const u = new URL(raw);
    return { host: u.hostname.toLowerCase(), path: u.pathname === '/' ? '' : u.pathname };
  } catch {
    return null;
  }
}

/** An allow-list entry ("acme.example", "acme.example/help") admits its host, the host's subdomains and, with a path, links under it. */
export function linkAllowed(link: TFoundLink, allowed: readonly string[]): boolean {
  const host = link.host.replace(/^www\./, '');
  return allowed.some((entry) => {
    const [h = '', ...rest] = entry.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').split('/');
    const path = rest.length ? `/${rest.join('/')}`.replace(/\/+$/, '') : '';
    if (host !== h && !host.endsWith(`.${h}`)) return false;
    return !path || link.path === path || link.path.startsWith(`${path}/`);
  });
}
