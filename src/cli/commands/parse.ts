/**
 * `entitywatch parse <source> <file> [--json]` — the designations of one snapshot file, through
 * the same body checks and parser the poll uses. JSON: { source, count, designations: Designation[] }.
 */
import type { Command } from 'commander';
import { readSnapshotFile } from '../read-snapshot.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { buildSnapshotSource } from '../../sources/registry.js';

export function registerParse(program: Command, ctx: CliContext): void {
  program
    .command('parse <source> <file>')
    .description('parse one snapshot file and print its designations')
    .option('--json', 'print JSON')
    .action(async (sourceId: string, file: string, opts: { json?: boolean }) => {
      const source = buildSnapshotSource(sourceId, ctx.config());
      const designations = source.parse(await readSnapshotFile(file));
      if (opts.json) {
        writeJson(ctx.io, { source: source.id, count: designations.length, designations });
        return;
      }
      for (const d of designations) writeLine(ctx.io, `${d.list.padEnd(5)} ${d.name}${d.countries.length ? ` (${d.countries.join(', ')})` : ''}`);
      writeLine(ctx.io, `${designations.length} designations`);
    });
}
