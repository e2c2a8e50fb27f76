export interface TStartupFacts {
  port: number;
  host: string;
  sandboxUrl: string | null;
  slack: boolean;
  teams: boolean;
  connectors: string[];
  digests: boolean;
  exampleChart: boolean;
  jobs: boolean;
}

/**
 * The one line an admin reads after `npm start`: which chat surfaces are on, where the sandbox is, which platforms
 * are connected; plus warnings for what a first run would otherwise discover later.
 */
export function startupSummary(f: TStartupFacts): { line: string; fields: Record<string, unknown>; warnings: string[] } {
  const surfaces = [f.slack && 'Slack', f.teams && 'Microsoft Teams'].filter(Boolean) as string[];
  const where = f.sandboxUrl
    ? `sandbox workspace at ${f.sandboxUrl} (no Slack or Teams configured: cards, modals and commands run locally, replies land in the sandbox outbox)`
    : surfaces.length
      ? `chat: ${surfaces.join(' and ')}`
      : 'no chat surface (EARSHOT_SANDBOX=off and no Slack or Teams): cards wait in the outbox';
  const platforms = f.connectors.length ? `platforms: ${f.connectors.join(', ')}` : f.sandboxUrl ? 'platforms: sandbox stand-ins' : 'platforms: none connected';
  const warnings: string[] = [];
  if (f.sandboxUrl && !['127.0.0.1', 'localhost', '::1'].includes(f.host)) {
    warnings.push(`sandbox: listening on ${f.host}, so anyone who can reach port ${f.port} can use the sandbox workspace (it has no login); unset HOST to keep it on this machine`);
  }
  if (!f.digests && f.exampleChart && (f.slack || f.teams)) {
    warnings.push('digests: off, because the org chart is the bundled example and its managers are fictional; set EARSHOT_ORG_CHART to your own chart');
  }
  return {
    line: `Earshot is listening on port ${f.port}: ${where}; ${platforms}`,
    fields: { host: f.host, port: f.port, sandbox: f.sandboxUrl, slack: f.slack, msTeams: f.teams, connectors: f.connectors, digests: f.digests, jobs: f.jobs },
    warnings,
  };
}
