/** The one help text: shown for `/social help`, an unknown subcommand and bad arguments. */
export const SOCIAL_USAGE = [
  '*Earshot* — social mentions, handled from Slack',
  '• `/social stats [team|all] [today|7d|30d]` — volume, response rate, first-response times, SLA, sentiment, busiest hours, backlog',
  '• `/social queue` — your open cases and your team’s unclaimed ones',
  '• `/social whois <handle>` — an author’s profile and history (`x:@jane` to pick a platform)',
  '• `/social route <text>` — dry-run triage: what Earshot would decide for this text, and why',
  '• `/social help` — this message',
].join('\n');

export const SUBCOMMANDS = ['stats', 'queue', 'whois', 'route', 'help'] as const;
export type TSubcommand = (typeof SUBCOMMANDS)[number];

export type TParsedCommand = { ok: true; sub: TSubcommand; args: string[]; rest: string } | { ok: false; problem: string };

/** Splits `/social <sub> <args…>`; `rest` keeps the original spacing for free text (route). */
export function parseSocialCommand(text: string): TParsedCommand {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, sub: 'help', args: [], rest: '' };
  const [first = '', ...args] = trimmed.split(/\s+/);
  const sub = first.toLowerCase();
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) return { ok: false, problem: `I don't know \`${first.slice(0, 40)}\`.` };
  return { ok: true, sub: sub as TSubcommand, args, rest: trimmed.slice(first.length).trim() };
}
