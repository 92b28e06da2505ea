import { describe, expect, it } from 'vitest';
import { basisOf } from '../../../src/core/basis.js';
import { renderReply } from '../../../src/platforms/slack/render.js';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const fresh = basisOf([{ source: 'csl', designations: 1200, lists: ['EL', 'SDN'], asOf: '2026-05-04T09:45:00.000Z' }], NOW, 45 * 60_000);
const stale = basisOf([{ source: 'csl', designations: 1200, lists: ['EL', 'SDN'], asOf: '2026-05-03T09:45:00.000Z' }], NOW, 45 * 60_000);

function texts(message: ReturnType<typeof renderReply>): string[] {
  return message.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []));
}

describe('renderReply (Slack)', () => {
  it('escapes user text in errors, refusals and help', () => {
    expect(texts(renderReply({ kind: 'error', message: 'no rule <!here>' }))).toEqual([':warning: no rule &lt;!here&gt;']);
    expect(texts(renderReply({ kind: 'refusal', message: 'Only admins & owners' }))).toEqual([':no_entry: Only admins &amp; owners']);
    expect(renderReply({ kind: 'text', text: '`/entitywatch add <keyword>`' }).text).toBe('`/entitywatch add &lt;keyword&gt;`');
  });

  it('says no match plainly, with the query escaped, what it was checked against, and no button', () => {
    const message = renderReply({ kind: 'matches', query: '<@U0BOSS> corp', matches: [], basis: fresh });
    expect(message).toEqual({
      text: 'No match for “&lt;@U0BOSS&gt; corp” on any list.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'No match for “&lt;@U0BOSS&gt; corp” on any list.', verbatim: true } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Checked against 1,200 designations on 2 lists (csl as of 2026-05-04 09:45 UTC).', verbatim: true }] },
      ],
    });
  });

  it('puts the stale warning first when a source is out of date', () => {
    const message = renderReply({ kind: 'matches', query: 'acme', matches: [], basis: stale });
    expect(message.text).toBe('No match for “acme” on any list (lists out of date).');
    expect(texts(message)[0]).toBe(
      ':warning: *WARNING: out of date — csl (last updated 2026-05-03 09:45 UTC): its last successful poll was more than 45 minutes ago. A designation made since then is not in this answer; run `entitywatch status`.*',
    );
  });

  it('lists rules and what changed', () => {
    const rule = { id: 3, channel: 'slack:C1', term: 'huawei <x>', list: 'EL' as const, country: 'CN', createdBy: 'slack:U1', createdAt: '2026-05-04T09:30:00.000Z' };
    const global = { ...rule, id: 1, channel: '*', term: null, country: null, list: 'SDN' as const, createdBy: 'cli:bob' };
    // Rule 3's origin comes from the audit log; rule 1 has none there, and that is said.
    const origins = [{ ruleId: 3, actor: 'slack:U1<!here>', at: '2026-05-04T09:31:00.000Z' }];
    expect(texts(renderReply({ kind: 'rules', channelId: 'slack:C1', rules: [global, rule], changed: { action: 'added', rule }, origins }))).toEqual([
      [
        'Added rule #3.',
        'This channel gets only the alert rows matching one of these rules:',
        '*#1* list SDN _(every channel)_ — _no audit entry found_',
        '*#3* “huawei &lt;x&gt;”, list EL, country CN — added by slack:U1&lt;!here&gt;, 2026-05-04 09:31 UTC',
      ].join('\n'),
    ]);
    expect(texts(renderReply({ kind: 'rules', channelId: 'slack:C1', rules: [], changed: null }))).toEqual(['No rules: this channel gets every alert.']);
  });

  it('shows source health and failing channels in status', () => {
    const message = renderReply({
      kind: 'status',
      ruleCount: 1,
      sources: [
        { id: 'csl', health: 'ok', lastSuccessAt: '2026-05-04T09:00:00.000Z', lastError: null, consecutiveFailures: 0, designationCount: 4210 },
        { id: 'ofac-sdn', health: 'failing', lastSuccessAt: null, lastError: { at: '2026-05-04T09:10:00.000Z', code: 'unavailable', message: 'HTTP 503' }, consecutiveFailures: 2, designationCount: 0 },
      ],
      channels: [{ channel: 'slack:C0GONE', since: '2026-05-04T08:00:00.000Z', error: 'the channel is archived [is_archived]', final: true }],
    });
    expect(texts(message)).toEqual([
      [
        '*Sources*',
        ':white_check_mark: *csl* ok — 4210 designations, last success 2026-05-04T09:00:00.000Z',
        ':x: *ofac-sdn* failing — 0 designations, last success never',
        '   last error 2026-05-04T09:10:00.000Z (unavailable, 2×): HTTP 503',
      ].join('\n'),
      '*Channels with failing deliveries*\n:warning: *slack:C0GONE* gave up: the channel is archived [is_archived]',
      '1 watch rule in all',
    ]);
  });
});
