import { describe, expect, it } from 'vitest';
import { escapeText, maskedLink, truncate } from '../../../src/notifiers/discord/escape.js';
import { embedChars, LIMITS, messageChars } from '../../../src/notifiers/discord/pack.js';
import { LIST_COLOURS, renderDiscordAlert } from '../../../src/notifiers/discord/render.js';
import { makeDesignation } from '../../helpers/designations.js';
import { elAlert, HOSTILE, manyDesignations } from './alerts.js';

const ZWSP = '\u200b';

describe('escapeText', () => {
  it.each([
    ['@everyone', `@${ZWSP}everyone`],
    ['@here', `@${ZWSP}here`],
    ['<@&123>', `<${ZWSP}@${ZWSP}&123>`],
    ['<#789>', `<${ZWSP}#789>`],
    ['**bold** _it_ ~~s~~ `c` ||spoil||', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|spoil\\|\\|'],
    ['[click](https://evil.example)', `\\[click\\](https:${ZWSP}//evil.example)`],
    ['> quote\n# head\n- item\n1. one', '\\> quote\n\\# head\n\\- item\n\\1. one'],
    ['Hang-Zhou (CN)', 'Hang-Zhou (CN)'],
    ['back\\slash', 'back\\\\slash'],
    ['bell\u0007', 'bell'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('truncate never ends in a lone escape backslash or half a surrogate pair', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('abcd\\*ef', 6)).toBe('abcd…');
    expect(truncate('abcd😀ef', 6)).toBe('abcd…');
  });

  it('masked links only for http(s) URLs, label escaped', () => {
    expect(maskedLink('91 FR 12345', 'https://www.federalregister.gov/citation/91-FR-12345')).toBe(
      '[91 FR 12345](https://www.federalregister.gov/citation/91-FR-12345)',
    );
    expect(maskedLink('x', 'javascript:alert(1)')).toBe('x');
    expect(maskedLink('a)b', 'https://example.com/a_(b)')).toBe('[a)b](https://example.com/a_%28b%29)');
  });
});

describe('renderDiscordAlert', () => {
  it('one message: title names list and action, list colour, FR link, a field per designation', () => {
    const d = makeDesignation({
      name: 'Acme Optics Co., Ltd.',
      list: 'EL',
      aliases: ['Acme Optical'],
      countries: ['CN', 'HK'],
      licensePolicy: 'Presumption of denial.',
      frCitation: '91 FR 12345',
    });
    const { messages } = renderDiscordAlert(elAlert([d]));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.embeds).toHaveLength(1);
    const embed = message!.embeds[0]!;
    expect(embed.title).toBe('Entity List — 1 addition');
    expect(embed.color).toBe(LIST_COLOURS.EL);
    expect(embed.url).toBe('https://www.federalregister.gov/citation/91-FR-12345');
    expect(embed.description).toBe('**Detected 2026-11-21**\nAnnounced in FR 2026-01234 on 2026-11-20\n[91 FR 12345](https://www.federalregister.gov/citation/91-FR-12345)');
    expect(embed.fields).toEqual([
      {
        name: 'Added: Acme Optics Co., Ltd.',
        value: [
          '**Also known as:** Acme Optical',
          '**Countries:** CN, HK',
          '**License review policy:** Presumption of denial.',
          '**Federal Register:** [91 FR 12345](https://www.federalregister.gov/citation/91-FR-12345)',
        ].join('\n'),
      },
    ]);
  });

  it('an amendment says what changed', () => {
    const before = makeDesignation({ name: 'Acme', list: 'SDN', sourceId: '42', addresses: ['Old Street 1'] });
    const after = { ...before, addresses: ['New Street 2'] };
    const alert = { ...elAlert([]), list: 'SDN' as const, changes: [{ kind: 'amended' as const, key: after.key, before, after, fields: [{ field: 'addresses' as const, before: 'Old Street 1', after: 'New Street 2', summary: '+ New Street 2\n- Old Street 1' }] }] };
    const field = renderDiscordAlert(alert).messages[0]!.embeds[0]!.fields![0]!;
    expect(field.name).toBe('Amended: Acme');
    expect(field.value.split('\n')[0]).toBe('• **Addresses:** \\+ New Street 2 / - Old Street 1');
    expect(renderDiscordAlert(alert).messages[0]!.embeds[0]!.color).toBe(LIST_COLOURS.SDN);
  });

  it('60 designations: a summary message and the rest for a thread, every message within the limits', () => {
    const { messages, threadName } = renderDiscordAlert(elAlert(manyDesignations(60)));
    expect(messages.length).toBeGreaterThan(1);
    expect(threadName).toBe('Entity List — 60 additions');
    for (const message of messages) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      expect(messageChars(message)).toBeLessThanOrEqual(LIMITS.charsPerMessage);
      for (const embed of message.embeds) expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fieldsPerEmbed);
    }
    const names = messages.flatMap((m) => m.embeds.flatMap((e) => (e.fields ?? []).map((f) => f.name)));
    expect(names).toEqual(Array.from({ length: 60 }, (_, i) => `Added: Example Trading Company ${i + 1} Limited`));
    const inFirst = messages[0]!.embeds.reduce((n, e) => n + (e.fields?.length ?? 0), 0);
    expect(messages[0]!.embeds[0]!.description).toContain(`**${60 - inFirst} more of 60 in the thread below.**`);
    expect(embedChars(messages[0]!.embeds[0]!)).toBeGreaterThan(0);
  });

  it('a designation named "@everyone <@&123> Acme" is escaped everywhere', () => {
    const { messages } = renderDiscordAlert(elAlert([HOSTILE]));
    const json = JSON.stringify(messages);
    expect(messages[0]!.allowed_mentions).toEqual({ parse: [] });
    for (const raw of ['@everyone', '@here', '<@&123>', '<@456>', '<#789>', '[click](', 'https://evil', '**bold**']) {
      expect(json).not.toContain(raw);
    }
    expect(messages[0]!.embeds[0]!.fields![0]!.name).toBe(`Added: @${ZWSP}everyone <${ZWSP}@${ZWSP}&123> Acme`);
  });

  it('source-health and test alerts render a description without fields', () => {
    const health = renderDiscordAlert({
      id: 'al_h', kind: 'source-health', source: 'csl', createdAt: '2026-11-21T10:00:00.000Z', title: 'CSL snapshot refused',
      priority: 'high', threadOf: null, notes: [], links: [], status: 'refused', reasonCode: 'mass-removal', reason: 'would remove 40% of the list',
    });
    expect(health.messages[0]!.embeds[0]!.title).toBe('‼️ CSL snapshot refused');
    expect(health.messages[0]!.embeds[0]!.description).toBe('**refused** (mass-removal): would remove 40% of the list');
    expect(health.messages[0]!.embeds[0]!.fields).toEqual([]);
  });
});
