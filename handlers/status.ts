/**
 * `status` (admin-only): each source's health, last success and last error, and the channels
 * whose latest delivery failed — where an archived channel or a missing scope shows up.
 */
import { healthOf } from '../store/health.js';
import { command } from './guard.js';
import type { ChannelProblem, SourceStatus } from './types.js';

/** Recent alerts scanned for failing deliveries. */
const RECENT_ALERTS = 100;

export const statusHandler = command({
  id: 'status',
  word: 'status',
  args: [],
  description: "Each source's last success and error, and failing channels",
  adminOnly: true,
  run: async (ctx) => {
    const states = await ctx.store.listSourceStates();
    const sources: SourceStatus[] = states
      .map((state) => ({
        id: state.source,
        health: healthOf(state),
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
        consecutiveFailures: state.consecutiveFailures,
        designationCount: state.designationCount,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    // listAlerts is newest first: the first delivery seen per channel is its latest.
    const latest = new Map<string, ChannelProblem | null>();
    for (const record of await ctx.store.listAlerts(RECENT_ALERTS)) {
      for (const d of record.deliveries) {
        if (latest.has(d.channel)) continue;
        const failing = d.state !== 'sent' && d.lastError !== null;
        latest.set(d.channel, failing ? { channel: d.channel, since: d.createdAt, error: d.lastError ?? '', final: d.state === 'failed' } : null);
      }
    }
    const channels = [...latest.values()].filter((p): p is ChannelProblem => p !== null).sort((a, b) => a.channel.localeCompare(b.channel));
    const ruleCount = (await ctx.store.listWatchRules()).length;
    return { kind: 'status', sources, channels, ruleCount };
  },
});
