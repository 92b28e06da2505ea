/**
 * `entitywatch ingest <source> <file-or-url> [--allow-mass-removal]` — ingest one snapshot
 * through exactly the poll path (guard, diff, store, outbox), then deliver. Exits 1 with the
 * reason when the guard refuses it. --allow-mass-removal skips the removal-share check and is
 * written to the audit log.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { CommandFailed, SnapshotRefusedError } from '../../errors.js';
import { buildSnapshotSource } from '../../sources/registry.js';
import { download } from '../../worker/http.js';
import { pollSource } from '../../worker/poll.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { keepLookupCopy, printOutcome } from './poll.js';

export function registerIngest(program: Command, ctx: CliContext): void {
  program
    .command('ingest <source> <location>')
    .description('ingest one snapshot (file path or URL) through the poll path')
    .option('--allow-mass-removal', 'accept a snapshot that removes more than the guard allows (audited)')
    .option('--json', 'print the outcome as JSON')
    .action(async (sourceId: string, location: string, opts: { allowMassRemoval?: boolean; json?: boolean }) => {
      const app = await ctx.app();
      await app.syncChannels();
      const source = buildSnapshotSource(sourceId, app.config);
      const fetched = await download(location, null, app.config.http);
      if (fetched.status !== 'fetched') throw new SnapshotRefusedError('empty', 'nothing was downloaded');
      if (opts.allowMassRemoval) {
        await app.store.audit(`cli:${userInfo().username}`, 'ingest.allow-mass-removal', { source: sourceId, location }, new Date().toISOString());
      }
      // Under the source's poll lease, like a worker's poll: never beside a running instance's poll of it.
      const leased = await app.store.withPollLease(source.id, app.instanceId, () =>
        pollSource(source, app.pollDeps, { body: fetched.body, allowMassRemoval: opts.allowMassRemoval ?? false }),
      );
      if (!leased) throw new CommandFailed(`${source.id}: another instance is polling it right now; try again in a moment`);
      const outcome = leased.value;
      await app.deliverer.recover();
      await app.deliverer.drain();
      if (opts.json) writeJson(ctx.io, { source: source.id, ...outcome });
      else printOutcome(ctx, source.id, outcome);
      await keepLookupCopy(app);
      if (outcome.status === 'refused' || outcome.status === 'unavailable') {
        throw new CommandFailed(`${source.id}: ${outcome.status}: ${outcome.reason}`);
      }
      if (!opts.json) writeLine(ctx.io);
    });
}
