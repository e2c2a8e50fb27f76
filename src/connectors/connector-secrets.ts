const CONNECTOR_PREFIX = /^(X|META|FACEBOOK|INSTAGRAM|REDDIT|YOUTUBE|GOOGLE|GOOGLE_REVIEWS|BLUESKY|MASTODON|GENERIC)_/;
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|KEY/;

/**
 * Values of every connector credential in the environment, for log redaction. Matched by name rather than by a
 * list per connector, so a credential added to a new connector is redacted without anyone remembering to.
 */
export function connectorSecretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([k, v]) => CONNECTOR_PREFIX.test(k) && SECRET_NAME.test(k) && typeof v === 'string' && v.length >= 6)
    .map(([, v]) => v as string);
}
