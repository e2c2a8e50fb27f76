import type { TMentionOverrides } from '../helpers/mentions.js';

/**
 * Hostile strings for every user-controlled field of a mention, and the control sequences that must never reach a
 * chat surface live. Shared by the Slack and Teams audits, so both surfaces face the same attack.
 */
const RLO = '\u202E';
const CORE = `<!everyone> <!channel> <!here> <@U0HOSTILE1> <#C0HOSTILE> [your bank](http://evil.example/login) <at>Everyone</at> <b>bold</b><script>alert(1)</script><img src=x onerror=alert(1)> ${RLO}knab${'\u202C'} a\u200Bd\u200Cm\u200Di\u2060n *b* _i_ ~s~ \`c\` {{DATE(2020-01-01T00:00:00Z, SHORT)}} # heading\n- list`;

export const HOSTILE = {
  // A real complaint (so triage opens a case with a card), carrying every trick; long enough to be truncated.
  text: `@acmebroadband the engineer never turned up for my appointment, terrible service and nobody answers the phone. ${CORE} ${'This is not acceptable at all. '.repeat(100)}`,
  handle: `x<!everyone>[a](http://evil.example)<at>Everyone</at>${RLO}`,
  displayName: `<!channel> Bob <http://evil.example|bank> [bank](http://evil.example) <at>Everyone</at> <b>B</b> ${RLO}knab ${'é'.repeat(400)}`,
  url: 'https://x.com/a/status/1?q=<!everyone>|bank>&r=)[x](http://evil.example)',
  profileUrl: 'https://x.com/<!channel>|bank>',
  externalId: '1<!everyone><@U0HOSTILE1>',
  authorId: '<@U0HOSTILE1>[x](http://evil.example)',
} as const;

export const hostileMention = (): TMentionOverrides => ({
  externalId: HOSTILE.externalId,
  text: HOSTILE.text,
  url: HOSTILE.url,
  author: { handle: HOSTILE.handle, displayName: HOSTILE.displayName, profileUrl: HOSTILE.profileUrl, externalId: HOSTILE.authorId, followers: 10 },
});

/** Live in Slack mrkdwn: a broadcast, a user or channel mention, a disguised link. */
export const SLACK_LIVE = ['<!everyone>', '<!channel>', '<!here>', '<@U0HOSTILE1>', '<#C0HOSTILE>', '<http://evil.example'];

/** Live in Teams text: a mention tag, a markdown link to the attacker, HTML, a host function. */
export const TEAMS_LIVE = [/<at>Everyone<\/at>/, /(?<!\\)\[[^\]]*(?<!\\)\]\(http:\/\/evil\.example/, /<(b|script|img)\b/i, /\{\{DATE\(2020/];

/** A right-to-left override flips how everything after it on the line reads (spoofed names and links). */
export const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/;

/** Every string in a payload, with the path it sits at. */
export function strings(value: unknown, path = '$'): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}
