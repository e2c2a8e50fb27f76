/** A bad `--url` (or other manifest input): the CLI shows it with the command's usage and exits 2. */
export class ManifestInputError extends Error {
  override readonly name = 'ManifestInputError';
}

/**
 * Earshot's public base URL as Slack and Teams must be given it: https, no credentials, query or fragment; a path
 * prefix (Earshot behind a proxy under /earshot) is kept. Returned without a trailing slash.
 * @example publicBaseUrl('https://earshot.acme.com/') // 'https://earshot.acme.com'
 */
export function publicBaseUrl(raw: string, flag = '--url'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ManifestInputError(`${flag} must be an absolute URL such as https://earshot.acme.com (got "${raw.slice(0, 100)}")`);
  }
  if (url.protocol !== 'https:') throw new ManifestInputError(`${flag} must use https: Slack and Teams only call HTTPS endpoints (terminate TLS at your proxy; see README "Deploy")`);
  if (url.username || url.password || url.search || url.hash) throw new ManifestInputError(`${flag} must not carry credentials, a query or a fragment`);
  const base = url.toString().replace(/\/+$/, '');
  if (/\/(slack\/events|api\/messages)$/.test(base)) throw new ManifestInputError(`${flag} is Earshot's base URL (e.g. https://earshot.acme.com); leave out ${base.slice(base.lastIndexOf('/', base.length - 8))}, the manifest adds each path itself`);
  return base;
}
