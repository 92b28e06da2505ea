/**
 * The chat channels that watch rules name, for one platform: `ruleChannelIds(store, 'slack:')`
 * → ["C0123", …]. A chat channel given rules by a chat command becomes an alert channel.
 */
import type { Store } from '../../store/types.js';

export async function ruleChannelIds(store: Pick<Store, 'listWatchRules'>, prefix: string): Promise<string[]> {
  const channels = (await store.listWatchRules()).map((rule) => rule.channel);
  return [...new Set(channels.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length)))];
}
