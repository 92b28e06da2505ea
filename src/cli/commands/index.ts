/**
 * Every CLI command, declared once: its usage and one-line summary (what `entitywatch --help`
 * lists) and the module that registers it, loaded only when the command runs — so `--help` and
 * `status` do not load the poll pipeline, the matcher or the chat SDKs.
 *
 *   { name: 'lookup', usage: 'lookup [query]', summary: 'look a name up on every list', load: … }
 *
 * The summary must equal the description the module gives the command (test/cli/commands.test.ts
 * holds them together, and checks that every file in this folder is listed).
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export type Register = (program: Command, ctx: CliContext) => void;

export interface CommandEntry {
  /** The command word, as typed. */
  name: string;
  /** Name and arguments, as commander declares them. */
  usage: string;
  summary: string;
  /** The module's register function. */
  load: () => Promise<Register>;
  /** The command reads only `ctx.settings()` of the config (cli/settings.ts): the config modules load only when the environment needs checking. */
  settingsOnly?: true;
}

export const COMMANDS = [
  { name: 'run', usage: 'run', summary: 'run the worker: scheduled polls and continuous delivery', load: async () => (await import('./run.js')).registerRun },
  { name: 'poll', usage: 'poll', summary: 'poll sources once, deliver the alerts, exit', load: async () => (await import('./poll.js')).registerPoll },
  { name: 'ingest', usage: 'ingest <source> <location>', summary: 'ingest one snapshot (file path or URL) through the poll path', load: async () => (await import('./ingest.js')).registerIngest },
  { name: 'parse', usage: 'parse <source> <file>', summary: 'parse one snapshot file and print its designations', load: async () => (await import('./parse.js')).registerParse },
  { name: 'diff', usage: 'diff <source> <old> <new>', summary: 'compare two snapshot files of a source', load: async () => (await import('./diff.js')).registerDiff },
  { name: 'lookup', usage: 'lookup [query]', summary: 'look a name up on every list', load: async () => (await import('./lookup.js')).registerLookup, settingsOnly: true },
  {
    name: 'alerts',
    usage: 'alerts',
    summary: 'recent alerts and their delivery state; --since 7d --csv for the compliance file',
    load: async () => (await import('./alerts.js')).registerAlerts,
  },
  { name: 'watch', usage: 'watch', summary: 'watched keywords: which alerts reach which channel', load: async () => (await import('./watch.js')).registerWatch },
  {
    name: 'watchlist',
    usage: 'watchlist',
    summary: 'counterparty watchlists: your own names, screened against every list change',
    load: async () => (await import('./watchlist.js')).registerWatchlist,
  },
  {
    name: 'status',
    usage: 'status',
    summary: 'health of every source and the delivery outbox',
    load: async () => (await import('./status.js')).registerStatus,
    settingsOnly: true,
  },
  { name: 'doctor', usage: 'doctor', summary: 'check the configuration', load: async () => (await import('./doctor.js')).registerDoctor },
  { name: 'demo', usage: 'demo', summary: 'run the pipeline end to end on sample data, offline', load: async () => (await import('./demo.js')).registerDemo },
  { name: 'discord', usage: 'discord', summary: 'Discord setup', load: async () => (await import('./discord.js')).registerDiscord },
  { name: 'help', usage: 'help [names...]', summary: 'help for a command or subcommand, e.g. `help watchlist import`', load: async () => (await import('./help.js')).registerHelp },
  { name: 'db', usage: 'db', summary: 'database tools', load: async () => (await import('./db.js')).registerDb },
] as const satisfies readonly CommandEntry[];

/**
 * The command a command line runs: the first word that is not a global option (`--db PATH`), or
 * for `help <command> …` the command asked about; undefined when none is named.
 */
export function commandOf(argv: readonly string[]): CommandEntry | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db') i++;
    else if (!arg.startsWith('-')) words.push(arg);
    if (words.length === 2 || (words.length === 1 && words[0] !== 'help')) break;
  }
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}
