import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/platforms/slack/render.js';

function texts(message: ReturnType<typeof renderReply>): string[] {
  return message.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []));
}

describe('renderReply (Slack)', () => {
  it('escapes user text in errors, refusals and help', () => {
    expect(texts(renderReply({ kind: 'error', message: 'no rule <!here>' }))).toEqual([':warning: no rule &lt;!here&gt;']);
    expect(texts(renderReply({ kind: 'refusal', message: 'Only admins & owners' }))).toEqual([':no_entry: Only admins &amp; owners']);
    expect(renderReply({ kind: 'text', text: '`/entitywatch add <keyword>`' }).text).toBe('`/entitywatch add &lt;keyword&gt;`');
  });

  it('says no match plainly, with the query escaped and no button', () => {
    const message = renderReply({ kind: 'matches', query: '<@U0BOSS> corp', matches: [] });
    expect(message).toEqual({
      text: 'No match for “&lt;@U0BOSS&gt; corp” on any list.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No match for “&lt;@U0BOSS&gt; corp” on any list.', verbatim: true } }],
    });
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
