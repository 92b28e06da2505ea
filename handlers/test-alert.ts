/**
 * `test` (admin-only): post a sample alert to this channel now, through the channel's own
 * notifier, so an admin sees at once whether the bot can post here (not in the channel, missing
 * scope…) and what alerts look like. Audited as "alert.test".
 */
import { randomBytes } from 'node:crypto';
import type { TestAlert } from '../src/core/alert.js';
import { DeliveryError, describeError } from '../src/errors.js';
import { actorId, command } from './guard.js';

/** A sample alert; the id is unique, so each `test` posts anew. */
export function sampleAlert(requestedBy: string, now: Date): TestAlert {
  return {
    id: `al_test_${now.getTime().toString(36)}_${randomBytes(4).toString('hex')}`,
    kind: 'test',
    source: 'entitywatch',
    createdAt: now.toISOString(),
    title: 'entitywatch test alert',
    priority: 'normal',
    threadOf: null,
    notes: [
      `Requested by ${requestedBy}. Alerts for this channel will appear like this.`,
      'A list change names the list and the action ("Entity List — 5 additions"), then one section per entry.',
    ],
    links: [{ label: 'Consolidated Screening List', url: 'https://www.trade.gov/consolidated-screening-list' }],
  };
}

export const testAlertHandler = command({
  id: 'test',
  word: 'test',
  args: [],
  description: 'Post a sample alert to this channel',
  adminOnly: true,
  run: async (ctx) => {
    const at = ctx.now();
    const alert = sampleAlert(actorId(ctx.actor), at);
    try {
      await ctx.postAlert(alert);
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      return { kind: 'error', message: `The test alert could not be posted: ${describeError(err)}` };
    }
    await ctx.store.audit(actorId(ctx.actor), 'alert.test', { channel: ctx.channelId, alertId: alert.id }, at.toISOString());
    return { kind: 'test-posted', channelId: ctx.channelId, alertId: alert.id };
  },
});
