import { RichText } from '@atproto/api';
import { PermanentError } from '../../outbox/outbox-errors.js';

/** An `app.bsky.richtext.facet`: a UTF-8 byte range of the post's text and what it is (link, mention, hashtag). */
export type TFacet = NonNullable<RichText['facets']>[number];

/**
 * The facets that make links, @mentions and #hashtags in a post clickable. Bluesky does not detect them itself: a
 * post without facets shows them as plain text. Detection is @atproto/api's RichText (the official app's rules:
 * known TLDs, handles, tags, UTF-8 byte offsets in multi-byte text); each mention's handle is resolved to its DID by
 * `resolveHandle`, which goes through the connector's own XRPC calls. A handle that does not exist stays plain text
 * rather than becoming a facet with no DID; a resolution that fails for any other reason fails the reply, which the
 * outbox retries.
 * @example const facets = await postFacets('Thanks @jane.bsky.social, see https://acme.example #status', resolve);
 */
export async function postFacets(text: string, resolveHandle: (handle: string) => Promise<string>): Promise<TFacet[] | undefined> {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  if (!rt.facets?.length) return undefined;
  const dids = new Map<string, string | null>();
  const kept: TFacet[] = [];
  for (const facet of rt.facets) {
    const features: TFacet['features'] = [];
    for (const feature of facet.features) {
      if (feature.$type !== 'app.bsky.richtext.facet#mention') {
        features.push(feature);
        continue;
      }
      // Until resolved, RichText puts the handle where the DID goes.
      const handle = String((feature as { did: string }).did);
      if (!dids.has(handle)) dids.set(handle, await resolveOrNull(handle, resolveHandle));
      const did = dids.get(handle);
      if (did) features.push({ ...feature, did } as TFacet['features'][number]);
    }
    if (features.length) kept.push({ ...facet, features });
  }
  return kept.length ? kept : undefined;
}

async function resolveOrNull(handle: string, resolve: (handle: string) => Promise<string>): Promise<string | null> {
  try {
    const did = await resolve(handle);
    return /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/.test(did) ? did : null;
  } catch (err) {
    // "Unable to resolve handle" is a 400, mapped to PermanentError: the handle is not there to link to.
    if (err instanceof PermanentError) return null;
    throw err;
  }
}
