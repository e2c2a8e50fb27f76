import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { TInboundRequest, TVerification } from '../connector.js';
import { verifyMetaSignature } from './signature.js';

export interface TMetaWebhookSecrets {
  appSecret: string;
  /** The string typed into the app dashboard's "Verify token" field. */
  verifyToken: string;
}

/**
 * Meta's webhook checks, shared by Page and Instagram subscriptions: the `hub.challenge` handshake when the
 * subscription is set up, and `X-Hub-Signature-256` on every delivery.
 */
export function verifyMetaRequest(req: TInboundRequest, s: TMetaWebhookSecrets): TVerification {
  if (req.method === 'GET') {
    const q = req.url.searchParams;
    const challenge = q.get('hub.challenge');
    if (q.get('hub.mode') !== 'subscribe' || !challenge) return { kind: 'rejected', status: 400, reason: 'GET is only the hub.mode=subscribe handshake.' };
    if (!sameString(q.get('hub.verify_token') ?? '', s.verifyToken)) return { kind: 'rejected', status: 403, reason: 'hub.verify_token does not match META_VERIFY_TOKEN.' };
    return { kind: 'challenge', status: 200, body: challenge, contentType: 'text/plain' };
  }
  const sig = req.header('x-hub-signature-256');
  if (!sig) return { kind: 'rejected', status: 401, reason: 'Missing X-Hub-Signature-256.' };
  if (!verifyMetaSignature(s.appSecret, req.rawBody, sig)) return { kind: 'rejected', status: 401, reason: 'X-Hub-Signature-256 does not match the body.' };
  return { kind: 'accepted' };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The envelope every Graph webhook shares: `object`, then entries of field changes. */
export const ZMetaEnvelope = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});
export type TMetaEnvelope = z.infer<typeof ZMetaEnvelope>;

/** Meta sends `time` in seconds for Pages and has sent milliseconds for Instagram; both become a Date. */
export function metaTime(t: number): Date {
  return new Date(t > 1e12 ? t : t * 1000);
}
