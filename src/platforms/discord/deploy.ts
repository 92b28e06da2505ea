/**
 * Register the slash commands with Discord, from the one declaration in commands.ts.
 *
 *   entitywatch discord deploy               # global: every server the bot is in (may take a while to show)
 *   entitywatch discord deploy --guild 123   # one server, at once (for trying things out)
 *
 * A bulk overwrite (PUT): commands not in the declaration are removed, so running it again is
 * safe and leaves exactly the declared commands.
 */
import type { REST } from '@discordjs/rest';
import { PermissionFlagsBits, Routes, type RESTGetCurrentApplicationResult } from 'discord-api-types/v10';
import { ConfigError, UsageError } from '../../errors.js';
import { createDiscordRest } from '../../notifiers/discord/index.js';
import { registrationPayload } from './commands.js';
import type { DiscordConfig } from './config.js';

/** What the bot needs in an alert channel: see it, post, embed, and put the overflow in a thread. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** The URL a server admin opens to add the bot with its commands and the permissions above. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: 'bot applications.commands', permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

export interface DeployResult {
  applicationId: string;
  /** null: global commands. */
  guildId: string | null;
  commands: string[];
}

export async function deployCommands(rest: REST, applicationId: string, guildId?: string): Promise<DeployResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const payload = registrationPayload();
  await rest.put(route, { body: payload });
  return { applicationId, guildId: guildId ?? null, commands: payload.map((command) => command.name) };
}

/** For the CLI: needs DISCORD_TOKEN; the application id comes from config or from the API. */
export async function runDiscordDeploy(config: DiscordConfig | null, options: { guildId?: string } = {}): Promise<DeployResult> {
  if (!config?.token) throw new ConfigError('DISCORD_TOKEN is required to deploy Discord commands');
  if (options.guildId !== undefined && !/^\d{15,25}$/.test(options.guildId)) throw new UsageError('--guild must be a Discord server id (digits)');
  const rest = createDiscordRest({ token: config.token, apiUrl: config.apiUrl });
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
  return deployCommands(rest, applicationId, options.guildId);
}

/** The line the CLI prints. */
export function describeDeploy(result: DeployResult): string {
  const where = result.guildId ? `server ${result.guildId}` : 'every server (global; may take up to an hour to appear)';
  return `registered /${result.commands.join(', /')} for application ${result.applicationId} in ${where}\ninvite the bot: ${inviteUrl(result.applicationId)}`;
}
