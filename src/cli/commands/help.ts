/**
 * `entitywatch help [command] [subcommand]` — the help of any command or subcommand
 * (`help watchlist import`), where commander's own help stops at the first word; an unknown name
 * suggests the nearest one. Exit 0 for help shown, 2 for an unknown name.
 */
import { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';

/** Optimal string alignment distance, small words only. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The nearest of `names` to `word` (at most 2 edits, or a prefix), or null. */
export function nearest(word: string, names: readonly string[]): string | null {
  const scored = names.map((name) => ({ name, d: name.startsWith(word) ? 0.5 : distance(word, name) })).sort((a, b) => a.d - b.d);
  return scored[0] && scored[0].d <= 2 ? scored[0].name : null;
}

export function registerHelp(program: Command, ctx: CliContext): void {
  program.helpCommand(false);
  program
    .command('help [names...]')
    .description('help for a command or subcommand, e.g. `help watchlist import`')
    .action((names: string[]) => {
      let command: Command = program;
      const path: string[] = [];
      for (const name of names) {
        const next = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) {
          const choices = command.commands.map((c) => c.name()).filter((n) => n !== 'help');
          const guess = nearest(name, choices);
          const where = path.length > 0 ? `"${path.join(' ')}" has no subcommand` : 'there is no command';
          throw new UsageError(`${where} "${name}"${guess ? ` — did you mean "${[...path, guess].join(' ')}"?` : ''} (${['entitywatch', ...path].join(' ')} --help lists them)`);
        }
        command = next;
        path.push(name);
      }
      ctx.io.stdout.write(command.helpInformation());
    });
}
