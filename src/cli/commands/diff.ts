/**
 * `entitywatch diff <source> <old> <new> [--json]` — what changed between two snapshot files.
 * JSON: { added: Designation[], removed: Designation[],
 *         amended: [{ before: Designation, after: Designation, fields: FieldChange[] }] }
 */
import type { Command } from 'commander';
import { diffSnapshots } from '../../core/diff.js';
import { fingerprint } from '../../core/fingerprint.js';
import { alertLines } from '../../notifiers/plain-text.js';
import { buildDesignationAlerts } from '../../core/alerts.js';
import { buildSnapshotSource } from '../../sources/registry.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { readSnapshotFile } from '../read-snapshot.js';

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command('diff <source> <old> <new>')
    .description('compare two snapshot files of a source')
    .option('--json', 'print JSON')
    .action(async (sourceId: string, oldFile: string, newFile: string, opts: { json?: boolean }) => {
      const source = buildSnapshotSource(sourceId, ctx.config());
      const html = source.bodyKind === 'html';
      const before = source.parse(await readSnapshotFile(oldFile, { html }));
      const after = source.parse(await readSnapshotFile(newFile, { html }));
      const diff = diffSnapshots(before, after, fingerprint);
      if (opts.json) {
        writeJson(ctx.io, diff);
        return;
      }
      let n = 0;
      const alerts = buildDesignationAlerts({ source: source.id, diff, createdAt: new Date().toISOString(), newId: () => `diff-${n++}` });
      for (const alert of alerts) writeLine(ctx.io, `${alertLines(alert).join('\n')}\n`);
      writeLine(ctx.io, `${diff.added.length} added, ${diff.removed.length} removed, ${diff.amended.length} amended`);
    });
}
