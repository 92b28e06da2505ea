import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotRefusedError } from '../../../src/errors.js';
import { hashId, parseFeed } from '../../../src/sources/rss/parse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rss/${name}`, import.meta.url));

describe('parseFeed', () => {
  it('reads RSS 2.0 items with ids from guid, then link, then a hash of title and date', async () => {
    const feed = await parseFeed(fixture('press-v1.xml'));
    expect(feed.title).toBe('Example Export Agency — Press');
    expect(feed.items).toEqual([
      {
        id: 'press-2024-0412',
        title: 'Agency Adds 7 Entities to the Entity List',
        link: 'https://agency.example/press/2024-05-06-entity-list',
        date: '2024-05-06T14:00:00.000Z',
        text: 'The agency today added seven entities in three countries to the Entity List for activities contrary to national security.',
        categories: ['Export Controls'],
      },
      {
        id: 'https://agency.example/press/2024-05-02-conference',
        title: 'Under Secretary Speaks at Annual Update Conference',
        link: 'https://agency.example/press/2024-05-02-conference',
        date: '2024-05-02T09:30:00.000Z',
        text: 'Remarks on outreach and compliance programmes.',
        categories: [],
      },
      {
        id: hashId('Penalty Settled for Unlicensed Exports', '2024-04-30T16:15:00.000Z'),
        title: 'Penalty Settled for Unlicensed Exports',
        link: null,
        date: '2024-04-30T16:15:00.000Z',
        text: 'A company agreed to pay a civil penalty for export controls violations.',
        categories: [],
      },
    ]);
    expect(feed.items[2]?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps every id of a reordered feed whose items were edited', async () => {
    const before = (await parseFeed(fixture('press-v1.xml'))).items.map((i) => i.id);
    const after = (await parseFeed(fixture('press-v2.xml'))).items.map((i) => i.id);
    expect(after.filter((id) => !before.includes(id))).toEqual(['press-2024-0420']);
    expect(before.every((id) => after.includes(id))).toBe(true);
  });

  it('reads Atom entries by their id', async () => {
    const feed = await parseFeed(fixture('atom.xml'));
    expect(feed.items.map((i) => [i.id, i.link, i.date, i.text])).toEqual([
      ['urn:example:action:20240508', 'https://treasury.example/actions/20240508', '2024-05-08T12:00:00.000Z', 'The office added two individuals and one entity to the SDN List.'],
      ['urn:example:action:20240501', 'https://treasury.example/actions/20240501', '2024-05-01T10:00:00.000Z', 'General guidance; no designations.'],
    ]);
  });

  it.each([
    ['an HTML page', fixture('not-a-feed.html'), 'html'],
    ['an empty body', Buffer.from('  \n'), 'empty'],
    ['plain text', Buffer.from('service unavailable'), 'unparseable'],
    ['XML that is not a feed', Buffer.from('<?xml version="1.0"?><catalog><book id="1"/></catalog>'), 'unparseable'],
  ])('refuses %s', async (_label, body, code) => {
    const error = await parseFeed(body).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SnapshotRefusedError);
    expect((error as SnapshotRefusedError).code).toBe(code);
  });
});
