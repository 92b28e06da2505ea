import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADMIN_COMMANDS } from '../../../handlers/registry.js';
import { EVENTS_PATH } from '../../../src/platforms/slack/app.js';
import { ADMIN_COMMAND, slashCommands } from '../../../src/platforms/slack/commands.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string; usage_hint: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string } };
}

describe('slack-app-manifest.yaml', () => {
  const manifest = parse(readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8')) as Manifest;

  it('declares the commands the app serves, at the events path', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/entity', ADMIN_COMMAND]);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(slashCommands().map((c) => c.command));
    for (const c of manifest.features.slash_commands) expect(new URL(c.url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(EVENTS_PATH);
  });

  it('asks for exactly the scopes the code uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'groups:history', 'im:write', 'users:read']);
  });

  it("names every /entitywatch subcommand in the usage hint, from the shared registry", () => {
    const hint = manifest.features.slash_commands.find((c) => c.command === ADMIN_COMMAND)!.usage_hint;
    const words = hint.split('|').map((part) => part.trim().split(/\s+/)[0]);
    for (const sub of ADMIN_COMMANDS.map((h) => h.word)) expect(words).toContain(sub);
  });

  it('gives each command the usage hint derived from the declarations (update the manifest when they change)', () => {
    const hints = manifest.features.slash_commands.map((c) => ({ command: c.command, usageHint: c.usage_hint }));
    expect(hints).toEqual(slashCommands().map(({ command, usageHint }) => ({ command, usageHint })));
  });
});
