import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADMIN_COMMAND, ENTITY_COMMAND, EVENTS_PATH } from '../../../src/platforms/slack/app.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string; url: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string } };
}

describe('slack-app-manifest.yaml', () => {
  const manifest = parse(readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8')) as Manifest;

  it('declares the commands the app serves, at the events path', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([ENTITY_COMMAND, ADMIN_COMMAND]);
    for (const c of manifest.features.slash_commands) expect(new URL(c.url).pathname).toBe(EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(EVENTS_PATH);
  });

  it('asks for exactly the scopes the code uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['channels:history', 'chat:write', 'commands', 'groups:history', 'users:read']);
  });
});
