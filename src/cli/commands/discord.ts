/**
 * `entitywatch discord deploy [--guild ID]` — register the slash commands with Discord from
 * their declarations (src/platforms/discord/commands.ts). With --guild they appear in that server
 * at once; globally they can take up to an hour. Prints the bot's invite URL.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../errors.js';
import { writeLine, type CliContext } from '../context.js';

export function registerDiscord(program: Command, ctx: CliContext): void {
  const discord = program.command('discord').description('Discord setup');
  discord
    .command('deploy')
    .description('register the slash commands')
    .option('--guild <id>', 'register in one server only (immediate)')
    .action(async (opts: { guild?: string }) => {
      const config = ctx.config().discord;
      if (!config?.token) throw new ConfigError('DISCORD_TOKEN is needed to deploy commands');
      const { describeDeploy, runDiscordDeploy } = await import('../../platforms/discord/deploy.js');
      const result = await runDiscordDeploy(config, opts.guild ? { guildId: opts.guild } : {});
      writeLine(ctx.io, describeDeploy(result));
    });
}
