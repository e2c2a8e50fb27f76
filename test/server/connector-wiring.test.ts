import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadEnv } from '../../src/config/env.js';
import { connectorSecretValues } from '../../src/connectors/connector-secrets.js';
import { loadConnectors } from '../../src/connectors/registry.js';
import { createEarshot } from '../../src/earshot.js';
import { createMemoryLogger } from '../../src/log.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

const X_ENV = {
  X_USER_ID: '1234567890',
  X_CONSUMER_KEY: 'consumer-key-0001',
  X_CONSUMER_SECRET: 'consumer-secret-0001',
  X_ACCESS_TOKEN: 'access-token-0001',
  X_ACCESS_TOKEN_SECRET: 'access-token-secret-0001',
};
const world = { fetch: globalThis.fetch, now: () => new Date() };

describe('connectors switched on by the environment', () => {
  it('builds nothing when no connector variable is set', () => {
    expect(loadConnectors({}, world)).toEqual([]);
  });

  it('a half-configured connector stops start-up naming the missing variables, never their values', () => {
    const err = (() => {
      try {
        loadConnectors({ X_USER_ID: '42', X_CONSUMER_SECRET: 'super-secret-value' }, world);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toContain('X_CONSUMER_KEY');
    expect(err!.message).not.toContain('super-secret-value');
  });

  it('mounts an enabled webhook connector under /webhooks/<id> with its handshake, and redacts its secrets', async () => {
    const { db } = await createTestDb();
    const connectors = new Map(loadConnectors(X_ENV, world).map((c) => [c.id, c]));
    expect([...connectors.keys()]).toEqual(['x']);
    const earshot = createEarshot({ env: loadEnv({}), orgChart: exampleOrgChart(), db, log: createMemoryLogger(), connectors });
    const res = await earshot.app.request('/webhooks/x?crc_token=challenge-123');
    expect(res.status).toBe(200);
    const expected = `sha256=${createHmac('sha256', X_ENV.X_CONSUMER_SECRET).update('challenge-123').digest('base64')}`;
    expect(await res.json()).toEqual({ response_token: expected });
    const unsigned = await earshot.app.request('/webhooks/x', { method: 'POST', body: '{"for_user_id":"1234567890","tweet_create_events":[]}' });
    expect([401, 403]).toContain(unsigned.status);
    expect(connectorSecretValues(X_ENV)).toEqual(expect.arrayContaining([X_ENV.X_CONSUMER_SECRET, X_ENV.X_ACCESS_TOKEN_SECRET]));
    expect(connectorSecretValues(X_ENV)).not.toContain(X_ENV.X_USER_ID);
  });
});
