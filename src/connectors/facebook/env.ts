import { z } from 'zod';
import { parseEnvGroup } from '../env-group.js';
import { META_COMMON, metaId, metaSecret } from '../meta/meta-env.js';

/** The Facebook Page group: the shared Meta app settings plus one Page and its Page access token. */
export const ZFacebookEnv = z.object({
  ...META_COMMON,
  FACEBOOK_PAGE_ID: metaId('the numeric Page id (Graph `me?fields=id` with the Page token)'),
  FACEBOOK_PAGE_ACCESS_TOKEN: metaSecret('a long-lived Page access token with pages_manage_engagement, pages_read_user_content, pages_messaging'),
});
export type TFacebookEnv = z.infer<typeof ZFacebookEnv>;

export const FACEBOOK_SECRET_VARS = ['META_APP_SECRET', 'META_VERIFY_TOKEN', 'FACEBOOK_PAGE_ACCESS_TOKEN'] as const;

/** The Facebook group, or null when Facebook is off (no FACEBOOK_* variable set). */
export function loadFacebookEnv(env: NodeJS.ProcessEnv = process.env): TFacebookEnv | null {
  return parseEnvGroup('Facebook', ZFacebookEnv, ['FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_ACCESS_TOKEN'], env);
}
