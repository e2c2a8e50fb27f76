// @ts-check
/** Calls to the sandbox's own API, carrying the page's token (the server refuses requests without it). */
const token = document.querySelector('meta[name="sandbox-token"]')?.getAttribute('content') ?? '';

/**
 * @param {string} path
 * @param {unknown} [body]
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function api(path, body, signal) {
  const res = await fetch(`/sandbox/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-sandbox-token': token, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    ...(signal && { signal }),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `The sandbox answered ${res.status}.`);
  return json;
}
