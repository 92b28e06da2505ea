/**
 * `entitywatch parse <source> <file> [--json]` — the designations of one snapshot file, through
 * the same body checks and parser the poll uses. JSON: { source, count, designations: Designation[] }.
 * `parse federal-register RULE.xml` reads a rule's full-text XML instead (the source is a feed):
 * its added and revised entries, and in JSON also `actions: [{ kind, list, name }]` (removals too).
 */
import type { Command } from 'commander';
import { readSnapshotFile } from '../read-snapshot.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { buildSnapshotSource } from '../../sources/registry.js';
import { designationsOfRule, parseEntityListRule } from '../../sources/federal-register/parse-rule.js';
import type { Designation } from '../../core/model.js';

export function registerParse(program: Command, ctx: CliContext): void {
  program
    .command('parse <source> <file>')
    .description('parse one snapshot file and print its designations')
    .option('--json', 'print JSON')
    .action(async (sourceId: string, file: string, opts: { json?: boolean }) => {
      let designations: Designation[];
      let extra = {};
      if (sourceId === 'federal-register') {
        const rule = parseEntityListRule((await readSnapshotFile(file)).bytes.toString('utf8'));
        designations = designationsOfRule(rule);
        extra = { actions: rule.actions.map((a) => ({ kind: a.kind, list: a.designation.list, name: a.designation.name })) };
      } else {
        const source = buildSnapshotSource(sourceId, ctx.config());
        designations = source.parse(await readSnapshotFile(file, { html: source.bodyKind === 'html' }));
      }
      if (opts.json) {
        writeJson(ctx.io, { source: sourceId, count: designations.length, designations, ...extra });
        return;
      }
      for (const d of designations) writeLine(ctx.io, `${d.list.padEnd(5)} ${d.name}${d.countries.length ? ` (${d.countries.join(', ')})` : ''}`);
      writeLine(ctx.io, `${designations.length} designations`);
    });
}
