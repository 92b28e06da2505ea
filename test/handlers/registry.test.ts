import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN_COMMANDS, adminHelp, argumentText, HANDLERS, OPEN_COMMANDS, resolveAdminCommand, usageOf } from '../../handlers/registry.js';
import type { Handler } from '../../handlers/types.js';
import { handlerContext, NOW } from './context.js';

const NOT_HANDLER_FILES = new Set(['types.ts', 'registry.ts', 'guard.ts', 'args.ts', 'lookup-index.ts', 'history.ts', 'basis.ts']);

function isHandler(value: unknown): value is Handler {
  return typeof value === 'object' && value !== null && 'id' in value && 'run' in value && 'adminOnly' in value;
}

describe('handler registry', () => {
  it('has unique ids', () => {
    const ids = HANDLERS.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has unique words: one open command per word, one admin subcommand per word', () => {
    const words = HANDLERS.map((h) => h.word);
    expect(new Set(words).size).toBe(words.length);
  });

  it('registers every handler exported by a handler file', async () => {
    const dir = new URL('../../handlers/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !NOT_HANDLER_FILES.has(f));
    expect(files.sort()).toEqual(['entity.ts', 'status.ts', 'test-alert.ts', 'watch.ts', 'watchlist.ts']);
    for (const file of files) {
      const mod = (await import(new URL(file, dir).href)) as Record<string, unknown>;
      const exported = Object.values(mod).filter(isHandler);
      expect(exported.length, file).toBeGreaterThan(0);
      for (const handler of exported) expect(HANDLERS, `${file} ${handler.id}`).toContain(handler);
    }
  });

  it('routes admin subcommands and answers help for anything else', () => {
    expect(ADMIN_COMMANDS.map((h) => h.word)).toEqual(['add', 'remove', 'list', 'status', 'test', 'watchlist']);
    const add = resolveAdminCommand('  ADD huawei  list:EL ');
    expect('handler' in add && [add.handler.id, add.args]).toEqual(['watch.add', 'huawei list:EL']);
    const unknown = resolveAdminCommand('delete 3');
    expect(unknown).toMatchObject({ reply: { kind: 'text' } });
    expect('reply' in unknown && unknown.reply.kind === 'text' && unknown.reply.text).toMatch(/^Unknown subcommand "delete"\.\nUsage \(admins only\):\n`\/entitywatch add <keyword> \[list:EL\] \[country:CN\]`/);
    expect(resolveAdminCommand('')).toMatchObject({ reply: { kind: 'text', text: expect.stringMatching(/^Usage/) } });
    expect(resolveAdminCommand('constructor')).toMatchObject({ reply: { kind: 'text' } });
  });

  it('marks every admin subcommand admin-only and the lookup open to all', () => {
    expect(ADMIN_COMMANDS.every((h) => h.adminOnly)).toBe(true);
    expect(OPEN_COMMANDS.map((h) => h.id)).toEqual(['entity']);
    expect(HANDLERS.filter((h) => !h.adminOnly).map((h) => h.id)).toEqual(['entity']);
  });

  it('derives each usage line from the declared word and arguments', () => {
    expect(HANDLERS.map((h) => [h.id, usageOf(h)])).toEqual([
      ['entity', '<name>'],
      ['watch.add', 'add <keyword> [list:EL] [country:CN]'],
      ['watch.remove', 'remove <id>'],
      ['watch.list', 'list'],
      ['status', 'status'],
      ['test', 'test'],
      ['watchlist', 'watchlist list|import|screen|remove <name> [file] [--replace]'],
    ]);
    expect(adminHelp('/watch').split('\n')).toEqual([
      'Usage (admins only):',
      ...ADMIN_COMMANDS.map((h) => `\`/watch ${usageOf(h)}\` — ${h.description}`),
    ]);
  });

  it('turns named values into the argument text the handler reads, as if typed', () => {
    const [add, remove, watchlist] = ['add', 'remove', 'watchlist'].map((word) => ADMIN_COMMANDS.find((h) => h.word === word)!);
    expect(argumentText(add!, { keyword: 'huawei “tech” ', list: 'EL', country: 'cn' })).toBe('"huawei tech" list:EL country:cn');
    expect(argumentText(add!, { keyword: '', country: 'CN' })).toBe('country:CN');
    expect(argumentText(remove!, { id: 0 })).toBe('0');
    expect(argumentText(watchlist!, { action: 'import', name: 'suppliers', file: '1234', replace: false })).toBe('import suppliers');
    expect(argumentText(watchlist!, { action: 'import', name: 'suppliers', replace: true, extra: 'ignored' })).toBe('import suppliers --replace');
    expect(argumentText(OPEN_COMMANDS[0]!, { name: 'Acme "Optics"' })).toBe('Acme "Optics"');
  });

  it('holds each command to its declared admin flag: a non-admin is refused and audited under its id', async () => {
    for (const handler of ADMIN_COMMANDS) {
      const t = handlerContext({ isAdmin: false });
      expect(await handler.run(t.ctx, 'x'), handler.id).toMatchObject({ kind: 'refusal' });
      expect(await t.store.listAudit(5)).toEqual([
        { id: 1, actor: 'slack:U0ALICE', action: 'command.refused', detail: { command: handler.id, channel: 'slack:C0TEST', args: 'x' }, at: NOW.toISOString() },
      ]);
      await t.store.close();
    }
    const open = handlerContext({ isAdmin: false });
    expect((await OPEN_COMMANDS[0]!.run(open.ctx, 'acme')).kind).not.toBe('refusal');
    await open.store.close();
  });
});
