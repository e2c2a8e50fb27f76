/** The chat commands both surfaces answer (`/social <sub>` in Slack, `@Earshot <sub>` in Teams). */
export const CHAT_SUBCOMMANDS = ['stats', 'queue', 'whois', 'route', 'help'] as const;
export type TChatSubcommand = (typeof CHAT_SUBCOMMANDS)[number];

export type TParsedChatCommand = { ok: true; sub: TChatSubcommand; args: string[]; rest: string } | { ok: false; problem: string; word: string };

/**
 * Splits `<sub> <args…>`; empty text asks for help. `rest` keeps the original spacing for free text (route).
 * @example parseChatCommand('route my wifi is down') // { ok: true, sub: 'route', args: ['my','wifi','is','down'], rest: 'my wifi is down' }
 */
export function parseChatCommand(text: string): TParsedChatCommand {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, sub: 'help', args: [], rest: '' };
  const [first = '', ...args] = trimmed.split(/\s+/);
  const sub = first.toLowerCase();
  if (!(CHAT_SUBCOMMANDS as readonly string[]).includes(sub)) return { ok: false, problem: `I don't know "${first.slice(0, 40)}".`, word: first.slice(0, 40) };
  return { ok: true, sub: sub as TChatSubcommand, args, rest: trimmed.slice(first.length).trim() };
}

/** One line per command, for help texts and manifests: [usage, what it does]. */
export const CHAT_COMMAND_HELP: Record<TChatSubcommand, { usage: string; does: string }> = {
  stats: { usage: 'stats [team|all] [today|7d|30d]', does: 'Volume, response rate, first-response times, SLA, sentiment, busiest hours, backlog' },
  queue: { usage: 'queue', does: 'Your open cases and your team’s unclaimed ones' },
  whois: { usage: 'whois <handle>', does: 'An author’s profile and history (x:@jane to pick a platform)' },
  route: { usage: 'route <text>', does: 'Dry-run triage: what Earshot would decide for this text, and why' },
  help: { usage: 'help', does: 'What Earshot can do' },
};
