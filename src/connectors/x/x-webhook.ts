import type { TWebhookSource } from '../connector.js';
import { readJsonBody } from '../json-body.js';
import { accountActivityMentions, ZAccountActivity } from './account-activity.js';
import { verifyXSignature, xSignature } from './signature.js';

/**
 * Account Activity webhook: `GET ?crc_token=` is the challenge-response check X repeats hourly; every POST
 * carries `x-twitter-webhooks-signature` over the raw body.
 */
export function xWebhook(cfg: { consumerSecret: string; brandUserId: string }): TWebhookSource {
  return {
    verify(req) {
      if (req.method === 'GET') {
        const token = req.url.searchParams.get('crc_token');
        if (!token) return { kind: 'rejected', status: 400, reason: 'GET without crc_token: only the CRC check uses GET.' };
        return { kind: 'challenge', status: 200, contentType: 'application/json', body: JSON.stringify({ response_token: xSignature(cfg.consumerSecret, token) }) };
      }
      const sig = req.header('x-twitter-webhooks-signature');
      if (!sig) return { kind: 'rejected', status: 401, reason: 'Missing x-twitter-webhooks-signature.' };
      if (!verifyXSignature(cfg.consumerSecret, req.rawBody, sig)) {
        return { kind: 'rejected', status: 401, reason: 'x-twitter-webhooks-signature does not match the body.' };
      }
      return { kind: 'accepted' };
    },
    parse(req) {
      return accountActivityMentions(readJsonBody(req, ZAccountActivity), cfg.brandUserId);
    },
  };
}
