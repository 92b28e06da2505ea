import { afterEach, describe, expect, it } from 'vitest';
import { NOT_ADMIN } from '../../handlers/guard.js';
import { resolveAdminCommand } from '../../handlers/registry.js';
import { MAX_REPLY_CHARS, screenText, watchlistHandler, WATCHLIST_HELP } from '../../handlers/watchlist.js';
import { watchCommand } from '../../src/platforms/discord/commands.js';
import { basisOf } from '../../src/core/basis.js';
import type { MatchIndex } from '../../src/core/match/index.js';
import { silentLogger } from '../../src/log.js';
import type { WatchlistHit } from '../../src/watchlists/screen.js';
import { searchableMembers } from '../../src/worker/watchlist-hits.js';
import { makeDesignation } from '../helpers/designations.js';
import { handlerContext, NOW, type TestContext } from '../handlers/context.js';

const LISTED = [
  makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', countries: ['CN'] }),
  makeDesignation({ name: 'Toshiba Machine Co., Ltd.', list: 'EL', countries: ['JP'] }),
  makeDesignation({ name: 'Beijing Megvii Technology Co., Ltd.', list: 'EL', countries: ['CN'] }),
  makeDesignation({ name: 'Moscow Example Trading LLC', list: 'SDN', sourceId: '9001', countries: ['RU'] }),
];

const SUPPLIERS = [
  { name: 'Hikvision', country: 'CN', reference: 'SUP-0042' },
  { name: 'Toshiba', country: 'DE', reference: 'SUP-0044' },
  { name: 'Northwind Traders', country: null, reference: null },
];

describe('watchlist handler', () => {
  let t: TestContext;
  afterEach(async () => {
    await t.store.close();
  });

  async function withSuppliers(isAdmin = true): Promise<void> {
    t = handlerContext({ isAdmin, userId: 'U0ADMIN' });
    await t.seed(LISTED);
    await t.store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', '2026-05-01T08:00:00.000Z');
  }

  it('refuses a non-admin, reading and removing nothing', async () => {
    await withSuppliers(false);
    for (const args of ['list', 'screen suppliers', 'remove suppliers', '']) {
      expect(await watchlistHandler.run(t.ctx, args)).toEqual({ kind: 'refusal', message: NOT_ADMIN });
    }
    expect((await t.store.listWatchlists()).map((w) => w.name)).toEqual(['suppliers']);
    expect((await t.store.listAudit(10)).map((a) => [a.action, a.detail.args ?? null])).toEqual([
      ['command.refused', ''],
      ['command.refused', 'remove suppliers'],
      ['command.refused', 'screen suppliers'],
      ['command.refused', 'list'],
      ['watchlist.import', null],
    ]);
  });

  it('lists the watchlists with their sizes', async () => {
    await withSuppliers();
    expect(await watchlistHandler.run(t.ctx, 'list')).toEqual({
      kind: 'text',
      text: 'Watchlists, screened against every list change:\n• suppliers — 3 counterparties (imported by cli:alice, updated 2026-05-01)',
    });
    await t.store.removeWatchlist('suppliers', 'cli:alice', NOW.toISOString());
    expect(await watchlistHandler.run(t.ctx, 'LIST')).toEqual({
      kind: 'text',
      text: 'No watchlists yet. Import one from a CSV (header `name`, optional `country`, `reference`): share the file here, then `watchlist import NAME` (add `--replace` to swap an existing one), or `entitywatch watchlist import FILE --name NAME` on the server.',
    });
  });

  it("screens a watchlist against today's lists, honouring each counterparty's country", async () => {
    await withSuppliers();
    const reply = await watchlistHandler.run(t.ctx, 'screen Suppliers');
    const csv = [
      'watchlist,counterparty,reference,list,designation,matched_name,score',
      'suppliers,Hikvision,SUP-0042,EL,"Hangzhou Hikvision Digital Technology Co., Ltd.","Hangzhou Hikvision Digital Technology Co., Ltd.",1',
      '',
    ].join('\n');
    expect(reply.kind === 'text' && reply.file?.bytes.toString('utf8')).toEqual(csv);
    expect(reply).toEqual({
      kind: 'text',
      text: [
        "Screened 3 counterparties of suppliers against today's lists: 1 hit.",
        '• 1.00 Hikvision [SUP-0042] ↔ EL: Hangzhou Hikvision Digital Technology Co., Ltd.',
        'Checked against 4 designations on 2 lists (csl as of 2026-05-04 09:30 UTC).',
      ].join('\n'),
      file: { name: 'screen-suppliers-2026-05-04.csv', contentType: 'text/csv', bytes: Buffer.from(csv, 'utf8') },
    });
  });

  it("searches only the members the process's screening indexes say can reach a list, with the same reply", async () => {
    await withSuppliers();
    const everyone = await watchlistHandler.run(t.ctx, 'screen suppliers');
    const asked: string[] = [];
    let searched = -1;
    const deps = { store: t.store, log: silentLogger(), now: () => NOW, newId: () => 'al_1', channels: () => [], adminChannels: [], lookupIndex: t.ctx.lookupIndex as () => Promise<MatchIndex> };
    t.ctx.screenable = async (name) => {
      asked.push(name);
      const members = await searchableMembers(deps, name);
      searched = members.length;
      return members;
    };
    expect(await watchlistHandler.run(t.ctx, 'screen Suppliers')).toEqual(everyone);
    expect(asked).toEqual(['suppliers']);
    // "Northwind Traders" holds words on no list that outweigh the rest: not searched.
    expect(searched).toBe(2);
  });

  it('refuses to screen before the lists are loaded, rather than say "no hits"', async () => {
    t = handlerContext({ isAdmin: true, userId: 'U0ADMIN' });
    await t.store.importWatchlist('suppliers', SUPPLIERS, 'cli:alice', NOW.toISOString());
    expect(await watchlistHandler.run(t.ctx, 'screen suppliers')).toEqual({ kind: 'error', message: 'The lists are not loaded yet: run `entitywatch poll`. Nothing was checked.' });
  });

  it('answers an unknown or missing watchlist with an error', async () => {
    await withSuppliers();
    expect(await watchlistHandler.run(t.ctx, 'screen customers')).toEqual({ kind: 'error', message: 'There is no watchlist "customers". `watchlist list` shows them.' });
    expect(await watchlistHandler.run(t.ctx, 'remove')).toEqual({ kind: 'error', message: 'Which watchlist? `watchlist list` shows them.' });
    expect(await watchlistHandler.run(t.ctx, 'screen two words')).toMatchObject({ kind: 'error', message: expect.stringMatching(/^invalid watchlist name "two words"/) });
  });

  it('removes a watchlist, audited with who did it', async () => {
    await withSuppliers();
    expect(await watchlistHandler.run(t.ctx, 'remove suppliers')).toEqual({ kind: 'text', text: 'Removed watchlist suppliers (3 counterparties).' });
    expect(await t.store.listWatchlists()).toEqual([]);
    expect((await t.store.listAudit(1)).map(({ actor, action, at, detail }) => ({ actor, action, at, detail }))).toEqual([
      { actor: 'slack:U0ADMIN', action: 'watchlist.remove', at: NOW.toISOString(), detail: { name: 'suppliers', count: 3 } },
    ]);
  });

  it('imports the attached file as the CLI would; points to the CLI where the chat takes no files; help otherwise', async () => {
    await withSuppliers();
    expect(await watchlistHandler.run(t.ctx, 'import customers')).toMatchObject({ kind: 'error', message: expect.stringMatching(/^This chat cannot take files\. .*entitywatch watchlist import FILE --name NAME/) });
    const refs: Array<string | null> = [];
    t.ctx.attachment = async (ref) => {
      refs.push(ref);
      return { name: 'customers.csv', bytes: Buffer.from('\uFEFFcompany;ref\r\nMegvii;C-2\r\n', 'utf8') };
    };
    expect(await watchlistHandler.run(t.ctx, 'import customers')).toEqual({ kind: 'text', text: 'Imported 1 counterparty from customers.csv into watchlist customers. Every list change is screened against it.' });
    expect(await watchlistHandler.run(t.ctx, 'import customers --replace F0123ABCD')).toMatchObject({ kind: 'text', text: expect.stringContaining('(replacing 1 counterparty)') });
    expect(refs).toEqual([null, 'F0123ABCD']);
    expect((await t.store.listAudit(1))[0]).toMatchObject({ actor: 'slack:U0ADMIN', action: 'watchlist.import', detail: { name: 'customers', count: 1, replaced: 1 } });
    t.ctx.attachment = async () => ({ name: 'bad.csv', bytes: Buffer.from('name\nAcme\n"unclosed\n') });
    expect(await watchlistHandler.run(t.ctx, 'import third')).toMatchObject({ kind: 'error', message: expect.stringMatching(/^bad\.csv: /) });
    expect((await t.store.listWatchlists()).map((w) => w.name)).toEqual(['customers', 'suppliers']);
    expect(await watchlistHandler.run(t.ctx, '')).toEqual({ kind: 'text', text: WATCHLIST_HELP });
  });

  it('is reached as `/entitywatch watchlist …` and `/watch watchlist action:… name:…`', () => {
    const slack = resolveAdminCommand('watchlist screen suppliers');
    expect('handler' in slack && [slack.handler, slack.args]).toEqual([watchlistHandler, 'screen suppliers']);
    expect(watchCommand.route('watchlist', { action: 'screen', name: 'suppliers' })).toEqual({ handler: watchlistHandler, args: 'screen suppliers' });
    expect(watchCommand.route('watchlist', { action: 'list' })).toEqual({ handler: watchlistHandler, args: 'list' });
  });
});

describe('screen reply text', () => {
  const basis = basisOf([{ source: 'csl', designations: 4, lists: ['EL', 'SDN'], asOf: NOW.toISOString() }], NOW, 3_600_000);
  const BASIS_LINE = 'Checked against 4 designations on 2 lists (csl as of 2026-05-04 09:30 UTC).';
  const hit = (i: number): WatchlistHit => ({
    watchlist: 'suppliers',
    counterparty: `Example Counterparty Number ${i}`,
    reference: `REF-${i}`,
    designationKey: `EL:${i}`,
    designationName: `Example Listed Company Number ${i} Co., Ltd.`,
    list: 'EL',
    matchedName: `Example Listed Company Number ${i} Co., Ltd.`,
    score: 1 - i / 1000,
  });

  it('keeps the best hits that fit one message and says how to get the rest', () => {
    const hits = Array.from({ length: 200 }, (_, i) => hit(i));
    const text = screenText('suppliers', 5000, hits, basis);
    expect(text.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    const lines = text.split('\n');
    expect(lines[0]).toBe("Screened 5,000 counterparties of suppliers against today's lists: 200 hits.");
    expect(lines[1]).toBe('• 1.00 Example Counterparty Number 0 [REF-0] ↔ EL: Example Listed Company Number 0 Co., Ltd.');
    expect(lines.at(-1)).toBe(BASIS_LINE);
    const shown = lines.length - 3;
    expect(shown).toBeGreaterThan(10);
    expect(lines.at(-2)).toBe(`…and ${200 - shown} more: \`entitywatch watchlist screen suppliers --csv\` lists them all.`);
  });

  it('shows every hit when they fit, and says "no hits" when there are none', () => {
    expect(screenText('suppliers', 2, [hit(1), hit(0)], basis).split('\n')).toHaveLength(4);
    expect(screenText('suppliers', 2, [], basis)).toBe(`Screened 2 counterparties of suppliers against today's lists: no hits.\n${BASIS_LINE}`);
  });

  it('leads with the warning when a source is out of date', () => {
    const stale = basisOf([{ source: 'csl', designations: 4, lists: ['EL'], asOf: '2026-05-01T09:30:00.000Z' }], NOW, 3_600_000);
    expect(screenText('suppliers', 2, [], stale).split('\n')[0]).toBe(
      '⚠️ WARNING: out of date — csl (last updated 2026-05-01 09:30 UTC): its last successful poll was more than 60 minutes ago. A designation made since then is not in this answer; run `entitywatch status`.',
    );
  });
});
