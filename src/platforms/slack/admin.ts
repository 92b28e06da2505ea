/**
 * Who is an entitywatch admin on Slack: a user listed in SLACK_ADMIN_USER_IDS, or a workspace
 * admin or owner (users.info `is_admin` / `is_owner`), asked when a command runs. Answers are
 * kept a minute so a burst of commands costs one users.info call. A failed users.info (missing
 * `users:read`, Slack down) answers "not admin" — refusing is the safe side — and logs why.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import { describeError } from '../../errors.js';

// Short: a demoted admin loses access within a minute; users.info (Tier 4) allows far more calls.
const CACHE_MS = 60 * 1000;

const UsersInfo = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_primary_owner: z.boolean().optional() }).loose(),
});

export type AdminCheck = (userId: string) => Promise<boolean>;

export function createAdminCheck(client: WebClient, adminUserIds: readonly string[], log: Logger, now: () => number = Date.now): AdminCheck {
  const listed = new Set(adminUserIds);
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async (userId) => {
    if (listed.has(userId)) return true;
    const hit = cache.get(userId);
    if (hit && hit.until > now()) return hit.admin;
    let admin: boolean;
    try {
      const { user } = UsersInfo.parse(await client.users.info({ user: userId }));
      admin = Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
    } catch (err) {
      log.warn({ user: userId, reason: describeError(err) }, 'slack users.info failed; treating the user as not admin (check the users:read scope)');
      return false;
    }
    cache.set(userId, { admin, until: now() + CACHE_MS });
    return admin;
  };
}
