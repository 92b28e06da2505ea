/**
 * A long Federal Register early warning: every name shown, grouped by action, list and country,
 * the overflow continued in the thread — never "+N more" with no way to see the rest.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentAlert } from '../../src/core/alert.js';
import { renderDiscordAlert } from '../../src/notifiers/discord/render.js';
import { alertLines } from '../../src/notifiers/plain-text.js';
import { renderSlackAlert } from '../../src/notifiers/slack/render.js';

const added = Array.from({ length: 140 }, (_, i) => `Example Added Company ${String(i).padStart(3, '0')} Co., Ltd.`);
const removed = ['Example Removed Trading LLC', '<!channel> Example Defanged Ltd.'];

const alert: DocumentAlert = {
  id: 'al_early',
  kind: 'document',
  source: 'federal-register',
  createdAt: '2024-11-25T14:00:00.000Z',
  title: 'Federal Register — public inspection: Additions to the Entity List',
  priority: 'normal',
  threadOf: null,
  notes: ['Publication pending: filed for public inspection 2024-11-25, to be published 2024-11-26'],
  links: [],
  documents: [
    {
      title: 'Additions to the Entity List',
      url: 'https://www.federalregister.gov/public-inspection/2024-10500/additions-to-the-entity-list',
      publisher: 'Industry and Security Bureau',
      date: '2024-11-25',
      summary: null,
      entities: [...added, ...removed],
      groups: [
        { action: 'added', list: 'EL', country: 'China', names: added },
        { action: 'removed', list: 'EL', country: 'Pakistan', names: removed },
      ],
    },
  ],
};

function slackTexts(rendering: ReturnType<typeof renderSlackAlert>): string {
  return [rendering.main, ...rendering.thread]
    .flatMap((m) => m.blocks)
    .map((b) => ('text' in b && b.text && typeof b.text === 'object' && 'text' in b.text ? b.text.text : ''))
    .join('\n');
}

describe('a long early warning', () => {
  it('Slack: a summary in the channel, every name in the thread, grouped, none "+N more"', () => {
    const rendering = renderSlackAlert(alert);
    expect(rendering.thread.length).toBeGreaterThan(0);
    const text = slackTexts(rendering);
    for (const name of added) expect(text).toContain(`• ${name}`);
    expect(text).toContain('*Added to the Entity List — China (140):*');
    expect(text).toContain('*Removed from the Entity List — Pakistan (2):*');
    expect(text).toContain('• &lt;!channel&gt; Example Defanged Ltd.');
    expect(text).not.toMatch(/\+\d+ more\)/);
  });

  it('Discord: fields of at most 1,024 characters, continued, every name in some message', () => {
    const { messages } = renderDiscordAlert(alert);
    const fields = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []));
    expect(fields.every((f) => f.value.length <= 1024)).toBe(true);
    const values = fields.map((f) => f.value).join('\n');
    for (const name of added) expect(values).toContain(name);
    expect(fields.map((f) => f.name).filter((n) => n.startsWith('Added'))).toEqual(
      expect.arrayContaining(['Added to the Entity List — China (140)', 'Added to the Entity List — China (140) (continued)']),
    );
    expect(values).not.toContain('more)');
  });

  it('plain text: one line per group with every name', () => {
    const lines = alertLines(alert);
    expect(lines.find((l) => l.includes('Added to the Entity List — China (140)'))?.split('; ')).toHaveLength(140);
    expect(lines.some((l) => l.includes('Removed from the Entity List — Pakistan (2): Example Removed Trading LLC;'))).toBe(true);
  });
});
