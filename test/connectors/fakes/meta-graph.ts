import { signMetaBody } from '../../../src/connectors/meta/signature.js';
import type { TFailure } from '../contract.js';
import { startJsonServer, type TFakeResponse } from './json-http-server.js';

/**
 * A fake of the Graph API for one Page and its linked Instagram professional account, following Meta's docs:
 * `POST /{comment-id}/comments` and `POST /{post-id}/comments` (Facebook), `POST /{ig-comment-id}/replies`
 * (top-level comments only), `POST /{page-or-ig-id}/messages` private replies (one per comment, 7 days),
 * Graph error bodies `{error:{message,type,code,error_subcode,fbtrace_id}}` and usage headers.
 */
export const META = {
  version: 'v25.0',
  appSecret: 'meta-app-secret-0123456789abcdef',
  verifyToken: 'meta-verify-token-42',
  pageId: '101010101010101',
  pageToken: 'EAAG-fake-page-token-abcdef',
  igId: '17841400000000001',
  igToken: 'EAAG-fake-ig-token-uvwxyz',
};
const WEEK_MS = 7 * 24 * 60 * 60_000;

interface TObject {
  id: string;
  kind: 'post' | 'comment';
  platform: 'facebook' | 'instagram';
  parentId?: string;
  createdAt: Date;
}

const graphError = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): TFakeResponse => ({
  status,
  headers: { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_request"', ...headers },
  body: { error: { type: 'OAuthException', fbtrace_id: 'AbCdEfGh123', ...error } },
});
const usage = { 'x-app-usage': JSON.stringify({ call_count: 3, total_cputime: 1, total_time: 2 }) };

export async function startFakeGraph(opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  let seq = 0;
  const objects = new Map<string, TObject>();
  const comments: { platform: 'facebook' | 'instagram'; parentId: string; id: string; message: string }[] = [];
  const messages: { senderId: string; recipient: Record<string, string>; text: string; id: string }[] = [];
  let failNext: TFailure | null = null;

  function failure(): TFakeResponse | null {
    const f = failNext;
    failNext = null;
    if (f === 'rate_limited') {
      return graphError(400, { message: '(#32) Page request limit reached', code: 32 }, {
        'x-business-use-case-usage': JSON.stringify({ [META.pageId]: [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 5 }] }),
      });
    }
    if (f === 'server_error') return graphError(500, { message: 'An unexpected error has occurred. Please retry your request later.', code: 2, is_transient: true });
    if (f === 'revoked_token') return graphError(400, { message: 'Error validating access token: The session has been invalidated because the user changed their password.', code: 190, error_subcode: 460 });
    if (f === 'deleted_post') return missing('0');
    return null;
  }
  const missing = (id: string) =>
    graphError(400, { message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, type: 'GraphMethodException', code: 100, error_subcode: 33 });

  const server = await startJsonServer((req) => {
    const [, version, id, edge] = req.path.split('/');
    if (version !== META.version || req.method !== 'POST' || !id) return graphError(400, { message: 'Unknown path components', code: 2500 });
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (token !== META.pageToken && token !== META.igToken) return graphError(400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
    const f = failure();
    if (f) return f;
    const body = req.json() as Record<string, any>;
    if (edge === 'messages') {
      const target = objects.get(body.recipient?.comment_id ?? body.recipient?.post_id ?? '');
      if (!target) return missing(String(body.recipient?.comment_id ?? body.recipient?.post_id));
      if (now().getTime() - target.createdAt.getTime() > WEEK_MS || messages.some((m) => JSON.stringify(m.recipient) === JSON.stringify(body.recipient))) {
        return graphError(400, { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 });
      }
      const mid = `m_${++seq}`;
      messages.push({ senderId: id, recipient: body.recipient, text: String(body.message?.text), id: mid });
      return { status: 200, headers: usage, body: { recipient_id: '6000000000000001', message_id: mid } };
    }
    const target = objects.get(id);
    if (!target) return missing(id);
    if (typeof body.message !== 'string' || !body.message) return graphError(400, { message: '(#100) The parameter message is required', code: 100 });
    if (edge === 'replies' && (target.platform !== 'instagram' || target.kind !== 'comment' || target.parentId)) {
      return graphError(400, { message: '(#100) Replies can only be made to top-level comments.', code: 100 });
    }
    if (edge !== 'replies' && edge !== 'comments') return graphError(400, { message: `(#100) Tried accessing nonexisting field (${edge})`, code: 100 });
    const newId = edge === 'replies' ? String(17_900_000_000_000_000 + ++seq) : `${id.split('_').at(-1)}_${++seq}`;
    comments.push({ platform: target.platform, parentId: id, id: newId, message: body.message });
    objects.set(newId, { id: newId, kind: 'comment', platform: target.platform, parentId: id, createdAt: now() });
    return { status: 200, headers: usage, body: { id: newId } };
  });

  return {
    url: `${server.url}/${META.version}`,
    requests: server.requests,
    comments,
    messages,
    close: server.close,
    failNextWrite(f: TFailure) {
      failNext = f;
    },
    /** Registers an object the fake knows (a post, comment or reply) so writes against it succeed. */
    add(o: Omit<TObject, 'createdAt'> & { createdAt?: Date }) {
      objects.set(o.id, { ...o, createdAt: o.createdAt ?? now() });
    },
  };
}
export type TFakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;

/** A webhook delivery envelope for one object type, signed as Meta signs it. */
export function metaDelivery(object: 'page' | 'instagram', entryId: string, time: number, changes: { field: string; value: unknown }[]) {
  const body = JSON.stringify({ object, entry: [{ id: entryId, time, changes }] });
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(META.appSecret, body) } };
}
