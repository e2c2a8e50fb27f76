/**
 * Saved-reply placeholders (`{name}`, `{handle}`, …) and the values they resolve to for one case. Values that come
 * from the customer's profile are public text someone else chose: a display name that is not name-like ("<!channel>",
 * "evil.example", "IGNORE ALL RULES") falls back to the handle, and a handle that is not handle-like to "there", so a
 * filled reply never carries a link or a command the customer planted in their profile.
 */
export interface TPlaceholderSubject {
  author: { handle: string; displayName: string | null };
  team: { name: string };
  platformName: string;
  caseId: string;
  organisation: string;
}

export const PLACEHOLDERS = ['name', 'handle', 'platform', 'team', 'caseRef', 'agent', 'organisation'] as const;
export type TPlaceholders = Record<(typeof PLACEHOLDERS)[number], string>;

// Letters (any script), combining marks, apostrophes and hyphens: "Jane", "Zoë", "O'Brien", "Jean-Luc", "李".
const NAME_LIKE = /^[\p{L}\p{M}][\p{L}\p{M}'’-]{0,39}$/u;
// Handles as platforms allow them: letters, digits, "_", "." and "-" (Bluesky and Mastodon handles hold dots and "@").
const HANDLE_LIKE = /^[\p{L}\p{N}_][\p{L}\p{N}_.@-]{0,99}$/u;

/** A short reference staff and customers can quote: the case id's last six characters. */
export const caseRef = (caseId: string) => `ES-${caseId.slice(-6).toUpperCase()}`;

export function placeholderValues(s: TPlaceholderSubject, agentName: string): TPlaceholders {
  const bare = s.author.handle.trim().replace(/^@/, '');
  const handle = HANDLE_LIKE.test(bare) ? `@${bare}` : '';
  const first = s.author.displayName?.trim().split(/\s+/)[0] ?? '';
  const name = NAME_LIKE.test(first) ? first : handle || 'there';
  return {
    name,
    handle: handle || 'there',
    platform: s.platformName,
    team: s.team.name,
    caseRef: caseRef(s.caseId),
    agent: agentName.trim().split(/\s+/)[0] ?? '',
    organisation: s.organisation,
  };
}

/** Replaces known placeholders; unknown ones stay as typed so staff see them. */
export function fillPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Placeholders a text still holds after filling, e.g. a typo like `{nmae}`. */
export function unresolvedPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[0]))];
}
