import { describe, expect, it } from 'vitest';
import type { Alert, DesignationsAlert } from '../../../src/core/alert.js';
import { buildDesignationAlerts } from '../../../src/core/alerts.js';
import { changedFields } from '../../../src/core/diff.js';
import type { Designation } from '../../../src/core/model.js';
import type { AlertBlock } from '../../../src/notifiers/slack/mrkdwn.js';
import { MESSAGE_CHARS, renderSlackAlert } from '../../../src/notifiers/slack/render.js';
import { makeDesignation } from '../../helpers/designations.js';

const EVIL_NAME = '<!channel> Acme <https://evil.example|click>';

function elAlert(diff: { added?: Designation[]; removed?: Designation[]; amended?: Array<{ before: Designation; after: Designation }> }): DesignationsAlert {
  const alerts = buildDesignationAlerts({
    source: 'csl',
    createdAt: '2026-03-30T12:00:00.000Z',
    newId: (list) => `al_${list}`,
    diff: {
      added: diff.added ?? [],
      removed: diff.removed ?? [],
      amended: (diff.amended ?? []).map(({ before, after }) => ({ before, after, fields: changedFields(before, after) })),
    },
  });
  expect(alerts).toHaveLength(1);
  return alerts[0]!;
}

function sectionTexts(blocks: readonly AlertBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []));
}

function allTexts(blocks: readonly AlertBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section' || b.type === 'header') return [b.text.text];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    return [];
  });
}

const beijing = makeDesignation({
  name: 'Beijing Quantum Instruments Co., Ltd.',
  list: 'EL',
  aliases: ['BQI', 'Quantum Instruments Beijing'],
  countries: ['CN'],
  addresses: ['No. 8 Haidian Street, Beijing, CN'],
  licenseRequirement: 'For all items subject to the EAR. (See §744.11 of the EAR)',
  licensePolicy: 'Presumption of denial.',
  frCitation: '88 FR 18983',
  startDate: '2023-03-30',
  sourceUrl: 'https://www.trade.gov/example-entry',
});

describe('renderSlackAlert', () => {
  it('renders Entity List additions: header, FR link, one section per designation', () => {
    const other = makeDesignation({ name: 'Shenzhen Example Tech', list: 'EL', countries: ['CN'], frCitation: '88 FR 18983' });
    const { main, thread } = renderSlackAlert(elAlert({ added: [beijing, other] }));
    expect(thread).toEqual([]);
    expect(main.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Entity List — 2 additions', emoji: true } });
    expect(main.text).toBe('Entity List — 2 additions');
    const sections = sectionTexts(main.blocks);
    expect(sections[0]).toBe('*Federal Register:* <https://www.federalregister.gov/citation/88-FR-18983|88 FR 18983>');
    expect(sections.slice(1)).toEqual([
      [
        ':heavy_plus_sign: *Beijing Quantum Instruments Co., Ltd.* — added',
        '*Also known as:* BQI; Quantum Instruments Beijing',
        '*Country:* CN',
        '*Address:* No. 8 Haidian Street, Beijing, CN',
        '*License requirement:* For all items subject to the EAR. (See §744.11 of the EAR)',
        '*License review policy:* Presumption of denial.',
        '*Federal Register:* <https://www.federalregister.gov/citation/88-FR-18983|88 FR 18983>',
        '*Effective date:* 2023-03-30',
        '<https://www.trade.gov/example-entry|Source entry>',
      ].join('\n'),
      [
        ':heavy_plus_sign: *Shenzhen Example Tech* — added',
        '*Country:* CN',
        '*Federal Register:* <https://www.federalregister.gov/citation/88-FR-18983|88 FR 18983>',
      ].join('\n'),
    ]);
    for (const b of main.blocks) if (b.type === 'section') expect(b.text.verbatim).toBe(true);
  });

  it('says what changed in an amendment, and names removals', () => {
    const after = { ...beijing, addresses: [...beijing.addresses, 'Room 5, Tower B, Shanghai, CN'], licensePolicy: 'Case-by-case review.' };
    const gone = makeDesignation({ name: 'Old Trading Ltd', list: 'EL', countries: ['RU'], frCitation: '85 FR 12345' });
    const { main } = renderSlackAlert(elAlert({ amended: [{ before: beijing, after }], removed: [gone] }));
    expect(main.blocks[0]).toMatchObject({ text: { text: 'Entity List — 1 removal, 1 amendment' } });
    // No citation was added or changed, so no Federal Register line under the header.
    expect(sectionTexts(main.blocks).some((t) => t.startsWith('*Federal Register:*'))).toBe(false);
    const rows = sectionTexts(main.blocks);
    expect(rows).toEqual([
      [
        ':heavy_minus_sign: *Old Trading Ltd* — removed',
        '*Country:* RU',
        '*Was listed under:* <https://www.federalregister.gov/citation/85-FR-12345|85 FR 12345>',
        '*Removed by:* not known yet (no removal notice seen)',
      ].join('\n'),
      [
        ':pencil2: *Beijing Quantum Instruments Co., Ltd.* — amended',
        '*Addresses:*',
        '>+ Room 5, Tower B, Shanghai, CN',
        '*License review policy:*',
        '>Presumption of denial. → Case-by-case review.',
        '_Now:_',
        '*Also known as:* BQI; Quantum Instruments Beijing',
        '*Country:* CN',
        '*Addresses:*',
        '• No. 8 Haidian Street, Beijing, CN',
        '• Room 5, Tower B, Shanghai, CN',
        '*License requirement:* For all items subject to the EAR. (See §744.11 of the EAR)',
        '*License review policy:* Case-by-case review.',
        '*Federal Register:* <https://www.federalregister.gov/citation/88-FR-18983|88 FR 18983>',
        '*Effective date:* 2023-03-30',
        '<https://www.trade.gov/example-entry|Source entry>',
      ].join('\n'),
    ]);
  });

  it('renders a hostile designation name as inert text', () => {
    const evil = makeDesignation({
      name: EVIL_NAME,
      list: 'SDN',
      sourceId: '99999',
      aliases: ['<@U024BE7LH>', '<!subteam^S123|@admins>', 'R&D <b>'],
      addresses: ['<#C999> street'],
      sourceUrl: 'javascript:alert(1)',
    });
    const { main } = renderSlackAlert(elAlert({ added: [evil] }));
    const row = sectionTexts(main.blocks).at(-1)!;
    expect(row.split('\n')).toEqual([
      ':heavy_plus_sign: *&lt;!channel&gt; Acme &lt;https://evil.example|click&gt;* — added',
      '*Also known as:* &lt;@U024BE7LH&gt;; &lt;!subteam^S123|@admins&gt;; R&amp;D &lt;b&gt;',
      '*Address:* &lt;#C999&gt; street',
      'Source entry',
    ]);
    // No "<" anywhere but our own links: federalregister.gov, OFAC's recent-actions pages (a day's, or the index).
    for (const text of allTexts(main.blocks)) expect(text).not.toMatch(/<(?!https:\/\/(www\.federalregister\.gov\/|ofac\.treasury\.gov\/recent-actions[/|]))/);
  });

  it('splits an alert over 50 blocks into a summary and thread replies of at most 50 blocks', () => {
    const many = Array.from({ length: 60 }, (_, i) => makeDesignation({ name: `Company ${String(i + 1).padStart(2, '0')} Ltd`, list: 'EL', countries: ['CN'] }));
    const { main, thread } = renderSlackAlert(elAlert({ added: many }));
    expect(main.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Entity List — 60 additions' } });
    const summary = sectionTexts(main.blocks).at(-1)!;
    expect(summary).toMatch(/^Too long for one message: the details of all 60 entries are in the thread/);
    expect(summary).toContain('Company 01 Ltd; Company 02 Ltd');
    expect(thread.map((m) => m.blocks.length)).toEqual([50, 10]);
    expect(thread.map((m) => m.text)).toEqual(['Entity List — 60 additions (1/2)', 'Entity List — 60 additions (2/2)']);
    const rows = thread.flatMap((m) => sectionTexts(m.blocks));
    expect(rows.map((r) => r.split('\n')[0])).toEqual(many.map((d) => `:heavy_plus_sign: *${d.name}* — added`));
  });

  it('moves a row longer than 3,000 characters to the thread, split between lines', () => {
    const long = makeDesignation({
      name: 'Many Addresses Holding',
      list: 'EL',
      addresses: Array.from({ length: 10 }, (_, i) => `${i + 1} ${'Long Industrial Park Road '.repeat(14)}Beijing, CN`),
    });
    const { main, thread } = renderSlackAlert(elAlert({ added: [long] }));
    expect(sectionTexts(main.blocks).at(-1)).toMatch(/^Too long for one message: the details of this entry are in the thread/);
    expect(thread).toHaveLength(1);
    const parts = sectionTexts(thread[0]!.blocks);
    expect(parts.length).toBeGreaterThan(1);
    for (const text of parts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(parts.join('\n')).toBe([':heavy_plus_sign: *Many Addresses Holding* — added', '*Addresses:*', ...long.addresses.map((a) => `• ${a}`)].join('\n'));
  });

  it('renders the other alert kinds', () => {
    const health: Alert = {
      id: 'al_h', kind: 'source-health', source: 'csl', createdAt: '2026-03-30T12:00:00.000Z', title: 'CSL snapshot refused',
      priority: 'high', threadOf: null, notes: ['3 polls in a row'], links: [], status: 'refused', reasonCode: 'mass-removal', reason: 'would remove 40% of the list',
    };
    const { main } = renderSlackAlert(health);
    expect(main.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '🚨 CSL snapshot refused', emoji: true } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '3 polls in a row', verbatim: true }, { type: 'mrkdwn', text: 'Detected 2026-03-30 · source csl', verbatim: true }] },
      { type: 'section', text: { type: 'mrkdwn', text: '*refused* (mass-removal): would remove 40% of the list', verbatim: true } },
    ]);
  });
});

describe('renderSlackAlert message size', () => {
  it('keeps every message under MESSAGE_CHARS (Slack refuses ~13,000 characters of blocks), moving rows to the thread', () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      makeDesignation({ name: `Wide Holding ${i + 1}`, list: 'EL', addresses: Array.from({ length: 6 }, (_, j) => `${j + 1} ${'Long Industrial Park Road '.repeat(12)}Beijing, CN`) }),
    );
    const { main, thread } = renderSlackAlert(elAlert({ added: rows }));
    const chars = (blocks: readonly AlertBlock[]) => allTexts(blocks).reduce((n, t) => n + t.length, 0);
    expect(sectionTexts(main.blocks).at(-1)).toMatch(/^Too long for one message/);
    expect(thread.length).toBeGreaterThan(1);
    for (const message of [main, ...thread]) expect(chars(message.blocks)).toBeLessThanOrEqual(MESSAGE_CHARS);
    expect(thread.flatMap((m) => sectionTexts(m.blocks)).join('\n').match(/Long Industrial Park Road/g)).toHaveLength(12 * 6 * 12);
  });
});
