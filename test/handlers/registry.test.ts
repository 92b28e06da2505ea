import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN_SUBCOMMANDS, HANDLERS, resolveAdminCommand } from '../../handlers/registry.js';
import type { Handler } from '../../handlers/types.js';

const NOT_HANDLER_FILES = new Set(['types.ts', 'registry.ts', 'guard.ts', 'args.ts', 'lookup-index.ts', 'history.ts', 'basis.ts']);

function isHandler(value: unknown): value is Handler {
  return typeof value === 'object' && value !== null && 'id' in value && 'run' in value && 'adminOnly' in value;
}

describe('handler registry', () => {
  it('has unique ids', () => {
    const ids = HANDLERS.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
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
    expect(Object.keys(ADMIN_SUBCOMMANDS)).toEqual(['add', 'remove', 'list', 'status', 'test', 'watchlist']);
    const add = resolveAdminCommand('  ADD huawei  list:EL ');
    expect('handler' in add && [add.handler.id, add.args]).toEqual(['watch.add', 'huawei list:EL']);
    const unknown = resolveAdminCommand('delete 3');
    expect(unknown).toMatchObject({ reply: { kind: 'text' } });
    expect('reply' in unknown && unknown.reply.kind === 'text' && unknown.reply.text).toMatch(/^Unknown subcommand "delete"\.\nUsage \(admins only\):\n`\/entitywatch add <keyword> \[list:EL\] \[country:CN\]`/);
    expect(resolveAdminCommand('')).toMatchObject({ reply: { kind: 'text', text: expect.stringMatching(/^Usage/) } });
    expect(resolveAdminCommand('constructor')).toMatchObject({ reply: { kind: 'text' } });
  });

  it('marks every admin subcommand admin-only and the lookup open to all', () => {
    expect(Object.values(ADMIN_SUBCOMMANDS).every((h) => h.adminOnly)).toBe(true);
    expect(HANDLERS.filter((h) => !h.adminOnly).map((h) => h.id)).toEqual(['entity']);
  });
});
