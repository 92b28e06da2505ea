/**
 * The same facts on every channel: one alert rendered by the console, the webhook's text,
 * Discord and Slack, and each rendering checked for every fact a compliance reader acts on —
 * list, name, aliases, country, every address, licence requirement and policy, FR citation and
 * its link, effective date, the action's date (not the alert's), the source link — and, for an
 * amendment, readable field labels; for a large OFAC action, the summary by program and country
 * and OFAC's page for the action; for a removal, the notice that removed it.
 */
import { describe, expect, it } from 'vitest';
import type { DesignationsAlert } from '../../src/core/alert.js';
import { buildDesignationAlerts } from '../../src/core/alerts.js';
import { changedFields } from '../../src/core/diff.js';
import type { Designation } from '../../src/core/model.js';
import { renderDiscordAlert } from '../../src/notifiers/discord/render.js';
import { alertLines } from '../../src/notifiers/plain-text.js';
import { renderSlackAlert } from '../../src/notifiers/slack/render.js';
import { renderWebhookPayload } from '../../src/notifiers/webhook/render.js';
import { makeDesignation } from '../helpers/designations.js';

/** Every text a channel shows for the alert, channel escapes undone (a backslash, a zero-width space). */
const RENDERINGS: Record<string, (alert: DesignationsAlert) => string> = {
  console: (alert) => alertLines(alert).join('\n'),
  webhook: (alert) => renderWebhookPayload(alert, 'k').text,
  discord: (alert) =>
    renderDiscordAlert(alert)
      .messages.flatMap((m) => m.embeds)
      .flatMap((e) => [e.title ?? '', e.description ?? '', e.timestamp ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
      .join('\n'),
  slack: (alert) => {
    const { main, thread } = renderSlackAlert(alert);
    return [main, ...thread]
      .flatMap((m) => m.blocks)
      .flatMap((b) => (b.type === 'section' || b.type === 'header' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []))
      .join('\n');
  },
};

function plain(text: string): string {
  return text.replace(/\\(?=[^\s\w])/g, '').replace(/\u200b/g, '');
}

function alertOf(diff: { added?: Designation[]; removed?: Designation[]; amended?: Array<{ before: Designation; after: Designation }> }, notice?: string): DesignationsAlert {
  const [alert] = buildDesignationAlerts({
    source: 'csl',
    createdAt: '2026-12-02T05:00:00.000Z',
    newId: () => 'al_facts',
    diff: {
      added: diff.added ?? [],
      removed: diff.removed ?? [],
      amended: (diff.amended ?? []).map(({ before, after }) => ({ before, after, fields: changedFields(before, after) })),
    },
  });
  if (notice) for (const change of alert!.changes) if (change.kind === 'removed') change.notice = notice;
  return alert!;
}

const ADDRESSES = Array.from({ length: 12 }, (_, i) => `Building ${i + 1} Harbour Road Wan Chai Hong Kong`);
const listed = makeDesignation({
  name: 'Lattice Qubit Technologies Co Ltd',
  list: 'EL',
  aliases: ['Lattice Qubit', 'LQT Shenzhen'],
  countries: ['CN'],
  addresses: ADDRESSES,
  licenseRequirement: 'For all items subject to the EAR',
  licensePolicy: 'Presumption of denial',
  frCitation: '91 FR 12345',
  startDate: '2026-11-20',
  sourceUrl: 'https://www.trade.gov/entry/lattice-qubit',
});

describe.each(Object.entries(RENDERINGS))('%s shows the same facts', (_channel, render) => {
  it('of an addition: list, name, aliases, country, every address, licence requirement and policy, FR citation with link, dates, source link', () => {
    const text = plain(render(alertOf({ added: [listed] })));
    for (const fact of [
      'Entity List',
      'Lattice Qubit Technologies Co Ltd',
      'Lattice Qubit',
      'LQT Shenzhen',
      'CN',
      ...ADDRESSES,
      'For all items subject to the EAR',
      'Presumption of denial',
      '91 FR 12345',
      'https://www.federalregister.gov/citation/91-FR-12345',
      '2026-11-20',
      'https://www.trade.gov/entry/lattice-qubit',
    ]) {
      expect(text).toContain(fact);
    }
    // The action's date, not the alert's creation (2026-12-02).
    expect(text).toMatch(/Action date 2026-11-20|2026-11-20T00:00:00/);
    expect(text).not.toContain('2026-12-02');
  });

  it('of an amendment: readable labels, never internal keys', () => {
    const after = { ...listed, frCitation: '92 FR 100', countries: ['CN', 'AE'] };
    const text = plain(render(alertOf({ amended: [{ before: listed, after }] })));
    expect(text).toContain('Federal Register citation');
    expect(text).toContain('Countries');
    expect(text).not.toMatch(/frCitation|countries:/);
  });

  it('of a removal: the notice that removed it, when known', () => {
    const text = plain(render(alertOf({ removed: [listed] }, 'FR 2026-20001 (92 FR 5000, 2026-12-01)')));
    expect(text).toContain('Removed by');
    expect(text).toContain('92 FR 5000');
    // A removed entry's start date is when it was listed, not the date of this action.
    expect(text).not.toMatch(/Action date 2026-11-20|2026-11-20T00:00/);
    expect(text).toContain('2026-12-02');
  });

  it('of a large OFAC action: counts by program and country, and OFAC’s page for the action', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      makeDesignation({ name: `Example Supplier ${i + 1} LLC`, list: 'SDN', sourceId: String(50000 + i), countries: [i < 20 ? 'RU' : 'CN'], programs: i < 25 ? ['RUSSIA-EO14024'] : ['SDGT'], startDate: '2024-05-01' }),
    );
    const text = plain(render(alertOf({ added: many })));
    expect(text).toContain('By program: RUSSIA-EO14024 25, SDGT 5');
    expect(text).toContain('By country: RU 20, CN 10');
    expect(text).toContain('https://ofac.treasury.gov/recent-actions/20240501');
  });

  it('of an OFAC action whose entries carry no date: the recent-actions index, never a guessed day', () => {
    const undated = makeDesignation({ name: 'Example Shipping JSC', list: 'SDN', sourceId: '60001', programs: ['RUSSIA-EO14024'], startDate: null });
    const text = plain(render(alertOf({ added: [undated] })));
    expect(text).toContain('https://ofac.treasury.gov/recent-actions');
    expect(text).not.toMatch(/recent-actions\/\d{8}/);
  });
});
