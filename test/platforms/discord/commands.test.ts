import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_COMMANDS, HANDLERS } from '../../../handlers/registry.js';
import { watchlistHandler } from '../../../handlers/watchlist.js';
import { DISCORD_COMMANDS, registrationPayload, watchCommand } from '../../../src/platforms/discord/commands.js';
import { BOT_PERMISSIONS, describeDeploy, inviteUrl, runDiscordDeploy } from '../../../src/platforms/discord/deploy.js';
import { discordConfigFromEnv } from '../../../src/platforms/discord/config.js';
import { ConfigError } from '../../../src/errors.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

describe('slash command declarations', () => {
  it('the registration payload is derived from the declarations', () => {
    expect(registrationPayload()).toEqual(DISCORD_COMMANDS.map((c) => c.declaration));
    expect(registrationPayload().map((c) => c.name)).toEqual(['entity', 'watch']);
  });

  it('/watch is for Manage Server (0x20) only and guild-only; /entity autocompletes its name', () => {
    const [entity, watch] = registrationPayload();
    expect(watch!.default_member_permissions).toBe('32');
    expect(watch!.contexts).toEqual([0]);
    expect(entity!.default_member_permissions).toBeUndefined();
    expect(entity!.options).toEqual([expect.objectContaining({ name: 'name', type: 3, required: true, autocomplete: true })]);
  });

  it('every shared admin subcommand is a /watch subcommand routed to the same handler', () => {
    const subs = (watchCommand.declaration.options ?? []).map((o) => o.name);
    expect(subs).toEqual(ADMIN_COMMANDS.map((h) => h.word));
    for (const handler of ADMIN_COMMANDS) {
      expect(watchCommand.route(handler.word, { id: 3 })?.handler).toBe(handler);
    }
    expect(watchCommand.route('nope', {})).toBeNull();
    const routed = new Set([...ADMIN_COMMANDS, DISCORD_COMMANDS[0]!.route(null, { name: 'x' })!.handler]);
    expect(new Set(HANDLERS)).toEqual(routed);
  });

  it('each declared argument becomes an option of its kind, with its bounds', () => {
    const subs = (registrationPayload()[1]!.options ?? []) as unknown as Array<{ name: string; options: Array<Record<string, unknown>> }>;
    const [keyword, list, country] = subs.find((o) => o.name === 'add')!.options;
    expect([keyword, country]).toEqual([
      { type: 3, name: 'keyword', description: 'Word in a name, alias or address', max_length: 200 },
      { type: 3, name: 'country', description: 'Only this ISO country code, e.g. CN', min_length: 2, max_length: 2 },
    ]);
    expect(list).toMatchObject({ type: 3, name: 'list', description: 'Only this list' });
    expect((list!.choices as unknown[]).slice(0, 2)).toEqual([{ name: 'EL — Entity List', value: 'EL' }, { name: 'UVL — Unverified List', value: 'UVL' }]);
    expect(subs.find((o) => o.name === 'remove')!.options).toEqual([{ type: 4, name: 'id', description: 'Rule id (the list subcommand shows them)', required: true, min_value: 1 }]);
    expect(subs.find((o) => o.name === 'list')!.options).toEqual([]);
    expect(DISCORD_COMMANDS.map((c) => [c.declaration.name, c.autocomplete, c.ephemeral])).toEqual([['entity', ['name'], false], ['watch', [], true]]);
  });

  it('/watch add options become the handler argument text', () => {
    expect(watchCommand.route('add', { keyword: 'huawei "tech"', list: 'EL', country: 'cn' })?.args).toBe('"huawei tech" list:EL country:cn');
    expect(watchCommand.route('add', { list: 'SDN' })?.args).toBe('list:SDN');
  });

  it('/watch watchlist takes an action (import among them), a name, a CSV attachment and a replace flag', () => {
    const watch = registrationPayload()[1]!;
    const sub = (watch.options ?? []).find((o) => o.name === 'watchlist') as { options: Array<{ name: string; type: number; choices?: Array<{ value: string }> }> };
    expect(sub.options.map((o) => [o.name, o.type])).toEqual([['action', 3], ['name', 3], ['file', 11], ['replace', 5]]);
    expect(sub.options[0]!.choices!.map((c) => c.value)).toEqual(['list', 'import', 'screen', 'remove']);
    expect(watchCommand.route('watchlist', { action: 'import', name: 'suppliers', file: '123', replace: true })).toEqual({ handler: watchlistHandler, args: 'import suppliers --replace' });
  });

  it('every description and choice name fits Discord (≤ 100 characters, ≤ 25 choices)', () => {
    const texts: string[] = [];
    const visit = (o: { description?: string; choices?: Array<{ name: string }>; options?: unknown[] }) => {
      if (o.description) texts.push(o.description);
      expect((o.choices ?? []).length).toBeLessThanOrEqual(25);
      for (const c of o.choices ?? []) texts.push(c.name);
      for (const child of (o.options ?? []) as Array<typeof o>) visit(child);
    };
    for (const c of registrationPayload()) visit(c as Parameters<typeof visit>[0]);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(100);
  });
});

describe('entitywatch discord deploy', () => {
  let discord: FakeDiscord;
  beforeEach(async () => {
    discord = await startFakeDiscord();
  });
  afterEach(async () => {
    expect(discord.unexpected).toEqual([]);
    await discord.close();
  });

  const env = (extra: Record<string, string> = {}) =>
    discordConfigFromEnv({ DISCORD_TOKEN: 'MTIz.fake-token-for-deploy-tests', DISCORD_API_URL: discord.apiUrl, ...extra });

  it('globally, reading the application id from the API', async () => {
    const result = await runDiscordDeploy(env());
    expect(result).toEqual({ applicationId: '111111111111111111', guildId: null, commands: ['entity', 'watch'] });
    expect(discord.commands.get('global')).toEqual(registrationPayload());
    expect(describeDeploy(result)).toBe(
      'registered /entity, /watch for application 111111111111111111 in every server (global; may take up to an hour to appear)\n' +
        'invite the bot: https://discord.com/oauth2/authorize?client_id=111111111111111111&scope=bot+applications.commands&permissions=309237664768',
    );
  });

  it('to one guild with --guild', async () => {
    const result = await runDiscordDeploy(env({ DISCORD_APPLICATION_ID: '121212121212121212' }), { guildId: '666666666666666666' });
    expect(result.guildId).toBe('666666666666666666');
    expect(discord.commands.get('666666666666666666')).toEqual(registrationPayload());
    expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PUT /api/v10/applications/121212121212121212/guilds/666666666666666666/commands']);
  });

  it('the invite URL asks for View Channel, Send Messages, Embed Links, Create Public Threads, Send Messages in Threads', () => {
    // 1<<10 | 1<<11 | 1<<14 | 1<<35 | 1<<38, as in docs/discord.md
    expect(BOT_PERMISSIONS).toBe(309237664768n);
    expect(inviteUrl('1')).toBe('https://discord.com/oauth2/authorize?client_id=1&scope=bot+applications.commands&permissions=309237664768');
  });

  it('without a token: a ConfigError naming DISCORD_TOKEN', async () => {
    await expect(runDiscordDeploy(null)).rejects.toThrow(ConfigError);
    await expect(runDiscordDeploy(null)).rejects.toThrow(/DISCORD_TOKEN/);
  });
});
