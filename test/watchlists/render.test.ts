/**
 * A watchlist-hit alert as each notifier renders it: console and webhook text, Slack blocks,
 * Discord embeds. The counterparty, its reference, the designation, the matched alias and the
 * score are all shown; untrusted text (a counterparty named like a mention) stays inert.
 */
import { describe, expect, it } from 'vitest';
import type { WatchlistHitAlert } from '../../src/core/alert.js';
import { renderDiscordAlert } from '../../src/notifiers/discord/render.js';
import { alertLines } from '../../src/notifiers/plain-text.js';
import { renderSlackAlert } from '../../src/notifiers/slack/render.js';
import { renderWebhookPayload } from '../../src/notifiers/webhook/render.js';
import { buildWatchlistHitAlert } from '../../src/watchlists/alert.js';
import type { WatchlistHit } from '../../src/watchlists/screen.js';

const HIT: WatchlistHit = {
  watchlist: 'suppliers',
  counterparty: 'Hikvision',
  reference: 'SUP-0042',
  designationKey: 'EL:hangzhou hikvision digital technology co ltd',
  designationName: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
  list: 'EL',
  matchedName: 'Hikvision',
  score: 0.97,
};

const HOSTILE: WatchlistHit = { ...HIT, counterparty: '@everyone <!channel> Acme', reference: null, designationKey: 'EL:acme', designationName: 'Acme **Ltd**', score: 0.85 };

function alert(hits = [HIT]): WatchlistHitAlert {
  return buildWatchlistHitAlert({ id: 'al_hit', source: 'csl', createdAt: '2026-05-04T09:00:00.000Z', hits, added: new Set(hits.map((h) => h.designationKey)) });
}

describe('watchlist-hit rendering', () => {
  it('console: a HIGH line with counterparty, reference, designation, alias and score', () => {
    expect(alertLines(alert())).toEqual([
      '[HIGH csl] Watchlist hit — 1 counterparty on a new designation',
      '  ! Hikvision [SUP-0042] (watchlist suppliers) ↔ Hangzhou Hikvision Digital Technology Co., Ltd. on EL via "Hikvision" score 0.97',
    ]);
  });

  it('webhook: the alert as data and the text defanged', () => {
    const payload = renderWebhookPayload(alert([HIT, HOSTILE]), 'al_hit:webhook:1');
    expect(payload.alert.kind).toBe('watchlist-hit');
    expect(payload.alert).toEqual(alert([HIT, HOSTILE]));
    expect(payload.text).toContain('! Hikvision [SUP-0042] (watchlist suppliers)');
    expect(payload.text).toContain('@\u200beveryone <\u200b!channel> Acme (watchlist suppliers)');
    expect(payload.text).not.toMatch(/@everyone|<!channel>/);
  });

  it('Slack: a 🚨 header and one section per hit, escaped', () => {
    const { main, thread } = renderSlackAlert(alert([HIT, HOSTILE]));
    expect(thread).toEqual([]);
    expect(main.text).toBe('Watchlist hit — 2 counterparties on new designations');
    expect(main.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🚨 Watchlist hit — 2 counterparties on new designations', emoji: true } });
    const sections = main.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
    expect(sections).toEqual([
      ':rotating_light: *Hikvision* [SUP-0042] (watchlist suppliers)\nmatches *Hangzhou Hikvision Digital Technology Co., Ltd.* on EL via “Hikvision” (score 0.97)',
      ':rotating_light: *@everyone &lt;!channel&gt; Acme* (watchlist suppliers)\nmatches *Acme **Ltd*** on EL via “Hikvision” (score 0.85)',
    ]);
  });

  it('Discord: a ‼️ embed with one field per hit, escaped, no mentions allowed', () => {
    const { messages } = renderDiscordAlert(alert([HIT, HOSTILE]));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    const [embed] = message!.embeds;
    expect(embed!.title).toBe('‼️ Watchlist hit — 2 counterparties on new designations');
    expect(embed!.fields).toEqual([
      {
        name: 'Hikvision ↔ Hangzhou Hikvision Digital Technology Co., Ltd.',
        value: '**Watchlist:** suppliers (SUP-0042)\n**List:** EL · matched "Hikvision" · score 0.97',
      },
      {
        name: '@\u200beveryone <\u200b!channel> Acme ↔ Acme \\*\\*Ltd\\*\\*',
        value: '**Watchlist:** suppliers\n**List:** EL · matched "Hikvision" · score 0.85',
      },
    ]);
  });
});
