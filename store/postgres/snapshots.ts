/**
 * Sources, their current designations and snapshot commits, on PostgreSQL. Mirrors
 * store/sqlite/snapshots.ts: designations are one `jsonb` document per row beside the queried
 * columns; a commit is one transaction, additions written through COPY and the other rows in
 * batches (one round trip per few thousand rows, not one per row). Text is ordered COLLATE "C" so results
 * come in the same order as SQLite's, whatever the database's locale.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { ChangeKind, Designation as DesignationModel, ListCode as ListCodeModel } from '../../src/core/model.js';
import type { PendingRemovalStore } from '../pending-removals.js';
import type { SnapshotCommit, SnapshotStore, SourceState } from '../types.js';
import { ListCode, SOURCE_STATE_COLUMNS, SourceStateRow } from '../sqlite/rows.js';
import { writeAlerts } from './alerts.js';
import { tx, type Client, type Pool } from './db.js';
import { createPendingRemovalStore, writeGuardState } from './pending-removals.js';
import { writeScreeningJob } from './screening.js';

/** Rows per batched statement: bounds one statement's parameters to a few MB. */
const BATCH = 5000;

async function inBatches<T>(rows: readonly T[], write: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** A nullable value in COPY's text format: `\\N` is NULL. */
function copyNullable(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}

const SUCCESS_RESET = `last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, last_error_content_hash = NULL,
         consecutive_failures = 0`;

export function createSnapshotStore(pool: Pool): SnapshotStore & PendingRemovalStore {
  // Additions go in through COPY (pg-copy-streams), the server's bulk path: no statement to
  // plan per batch and no parameter encoding (node-postgres would escape every row into an
  // array literal, which cost more than the insert itself at 30,000 rows). Amendments upsert in
  // batches of one JSON document, [{"f": fingerprint, "d": designation}, …].
  async function writeDesignations(
    client: Client,
    source: string,
    rows: readonly DesignationModel[],
    fingerprintOf: (key: string) => string,
    rowHashOf: (key: string) => string | null,
    upsert: boolean,
  ) {
    if (rows.length === 0) return;
    if (!upsert) {
      const line = (d: DesignationModel) =>
        `${copyText(source)}\t${copyText(d.key)}\t${copyText(fingerprintOf(d.key))}\t${copyText(d.list)}\t${copyText(d.name)}\t${copyText(JSON.stringify(d))}\t${copyNullable(rowHashOf(d.key))}\n`;
      // A few hundred rows per chunk: large writes to the socket, never the whole body at once.
      const chunks = function* () {
        for (let i = 0; i < rows.length; i += 500) yield rows.slice(i, i + 500).map(line).join('');
      };
      await pipeline(Readable.from(chunks()), client.query(copyFrom('COPY designations (source, key, fingerprint, list, name, data, row_hash) FROM STDIN')));
      return;
    }
    await inBatches(rows, (batch) =>
      client.query(
        `INSERT INTO designations (source, key, fingerprint, list, name, data, row_hash)
         SELECT $1, r->'d'->>'key', r->>'f', r->'d'->>'list', r->'d'->>'name', r->'d', r->>'h' FROM jsonb_array_elements($2::jsonb) AS r
         ON CONFLICT (source, key) DO UPDATE SET fingerprint = excluded.fingerprint, list = excluded.list, name = excluded.name, data = excluded.data,
           row_hash = excluded.row_hash`,
        [source, `[${batch.map((d) => `{"f":${JSON.stringify(fingerprintOf(d.key))},"h":${JSON.stringify(rowHashOf(d.key))},"d":${JSON.stringify(d)}}`).join(',')}]`],
      ),
    );
  }

  interface ChangeRow { kind: ChangeKind; d: DesignationModel; before: string | null; after: string | null; fields: string | null }

  async function commit(client: Client, c: SnapshotCommit): Promise<number> {
    const { meta, diff, baseline } = c;
    const source = meta.source;
    const fingerprintOf = (key: string): string => {
      const fp = c.fingerprints.get(key);
      if (fp === undefined) throw new Error(`commitSnapshot(${source}): no fingerprint for ${key}`);
      return fp;
    };
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO snapshots (source, fetched_at, content_hash, etag, last_modified, location, row_count, baseline, added, removed, amended)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [source, meta.fetchedAt, meta.contentHash, meta.etag, meta.lastModified, meta.location, meta.rowCount, baseline ? 1 : 0,
        diff.added.length, diff.removed.length, diff.amended.length],
    );
    const snapshotId = inserted.rows[0]!.id;
    // Deletes first: an amendment may move a row onto a key that another row is leaving.
    const leaving = [...diff.removed.map((d) => d.key), ...diff.amended.filter((a) => a.before.key !== a.after.key).map((a) => a.before.key)];
    await inBatches(leaving, (keys) => client.query('DELETE FROM designations WHERE source = $1 AND key = ANY($2::text[])', [source, keys]));
    const rowHashOf = (key: string): string | null => c.rowHashes?.get(key) ?? null;
    await writeDesignations(client, source, diff.added, fingerprintOf, rowHashOf, false);
    await writeDesignations(client, source, diff.amended.map((a) => a.after), fingerprintOf, rowHashOf, true);
    // Rows the diff left alone but whose bytes changed: their new hash, so the next poll knows them.
    const written = new Set([...diff.added.map((d) => d.key), ...diff.amended.map((a) => a.after.key)]);
    const rehashed = [...(c.rowHashes ?? [])].filter(([key]) => !written.has(key));
    await inBatches(rehashed, (batch) =>
      client.query(
        `UPDATE designations AS d SET row_hash = u.hash FROM unnest($2::text[], $3::text[]) AS u(key, hash)
         WHERE d.source = $1 AND d.key = u.key`,
        [source, batch.map(([key]) => key), batch.map(([, hash]) => hash)],
      ),
    );

    // History names the designation the change is about; a baseline is not history.
    if (!baseline) {
      const changes: ChangeRow[] = [
        ...diff.added.map((d): ChangeRow => ({ kind: 'added', d, before: null, after: JSON.stringify(d), fields: null })),
        ...diff.removed.map((d): ChangeRow => ({ kind: 'removed', d, before: JSON.stringify(d), after: null, fields: null })),
        ...diff.amended.map((a): ChangeRow => ({ kind: 'amended', d: a.after, before: JSON.stringify(a.before), after: JSON.stringify(a.after), fields: JSON.stringify(a.fields) })),
      ];
      await inBatches(changes, (batch) =>
        client.query(
          `INSERT INTO changes (snapshot_id, source, kind, key, list, name, before, after, fields)
           SELECT $1, $2, kind, key, list, name, b::jsonb, a::jsonb, f::jsonb
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS u(kind, key, list, name, b, a, f)`,
          [snapshotId, source, batch.map((r) => r.kind), batch.map((r) => r.d.key), batch.map((r) => r.d.list), batch.map((r) => r.d.name),
            batch.map((r) => r.before), batch.map((r) => r.after), batch.map((r) => r.fields)],
        ),
      );
    }
    await writeAlerts(client, c.alerts, meta.fetchedAt);
    if (c.guard) await writeGuardState(client, source, c.guard, meta.fetchedAt);
    if (c.screening && !baseline) await writeScreeningJob(client, snapshotId, source, meta.fetchedAt, c.screening);

    const changed = diff.added.length + diff.removed.length + diff.amended.length > 0;
    await client.query(
      `INSERT INTO source_state (source, etag, last_modified, content_hash, last_checked_at, last_success_at, last_change_at,
                                 consecutive_failures, designation_count)
       VALUES ($1, $2, $3, $4, $5, $5, $6, 0, (SELECT count(*) FROM designations WHERE source = $1))
       ON CONFLICT (source) DO UPDATE SET
         etag = excluded.etag, last_modified = excluded.last_modified, content_hash = excluded.content_hash,
         last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,
         last_change_at = coalesce(excluded.last_change_at, source_state.last_change_at),
         ${SUCCESS_RESET}, designation_count = excluded.designation_count`,
      [source, meta.etag, meta.lastModified, meta.contentHash, meta.fetchedAt, changed ? meta.fetchedAt : null],
    );
    return snapshotId;
  }

  return {
    ...createPendingRemovalStore(pool),
    async getSourceState(source) {
      const { rows } = await pool.query(`SELECT ${SOURCE_STATE_COLUMNS} FROM source_state WHERE source = $1`, [source]);
      return rows[0] === undefined ? null : SourceStateRow.parse(rows[0]);
    },
    async listSourceStates() {
      const { rows } = await pool.query(`SELECT ${SOURCE_STATE_COLUMNS} FROM source_state ORDER BY source COLLATE "C"`);
      return rows.map((row) => SourceStateRow.parse(row));
    },
    async currentFingerprints(source) {
      const { rows } = await pool.query<[string, string]>({ text: 'SELECT key, fingerprint FROM designations WHERE source = $1', values: [source], rowMode: 'array' });
      return new Map(rows);
    },
    async currentRows(source) {
      const { rows } = await pool.query<[string, string, string | null]>({
        text: 'SELECT key, fingerprint, row_hash FROM designations WHERE source = $1',
        values: [source],
        rowMode: 'array',
      });
      return { keys: rows.map((r) => r[0]), fingerprints: rows.map((r) => r[1]), rowHashes: rows.map((r) => r[2]) };
    },
    async currentDesignations(source, keys) {
      const { rows } = keys === undefined
        ? await pool.query<[string]>({ text: 'SELECT data::text FROM designations WHERE source = $1 ORDER BY key COLLATE "C"', values: [source], rowMode: 'array' })
        : await pool.query<[string]>({ text: 'SELECT data::text FROM designations WHERE source = $1 AND key = ANY($2::text[]) ORDER BY key COLLATE "C"', values: [source, keys], rowMode: 'array' });
      return rows.map(([data]) => JSON.parse(data) as DesignationModel);
    },
    async allCurrentDesignations() {
      const { rows } = await pool.query<[string, string]>({ text: 'SELECT source, data::text FROM designations ORDER BY source COLLATE "C", key COLLATE "C"', rowMode: 'array' });
      return rows.map(([source, data]) => ({ source, designation: JSON.parse(data) as DesignationModel }));
    },
    async countsByList(source) {
      const { rows } = await pool.query<{ list: string; n: number }>('SELECT list, count(*)::int AS n FROM designations WHERE source = $1 GROUP BY list', [source]);
      const counts: Partial<Record<ListCodeModel, number>> = {};
      for (const row of rows) counts[ListCode.parse(row.list)] = row.n;
      return counts;
    },
    async commitSnapshot(c) {
      return { snapshotId: await tx(pool, (client) => commit(client, c)) };
    },
    async recordUnchanged(source, at, validators) {
      await pool.query(
        `INSERT INTO source_state (source, etag, last_modified, last_checked_at, last_success_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (source) DO UPDATE SET
           etag = CASE WHEN $5 THEN excluded.etag ELSE source_state.etag END,
           last_modified = CASE WHEN $5 THEN excluded.last_modified ELSE source_state.last_modified END,
           last_checked_at = excluded.last_checked_at, last_success_at = excluded.last_success_at,
           ${SUCCESS_RESET}`,
        [source, validators?.etag ?? null, validators?.lastModified ?? null, at, validators !== undefined],
      );
    },
    async recordFailure(source, failure): Promise<SourceState> {
      const { rows } = await pool.query(
        `INSERT INTO source_state (source, last_checked_at, last_error_code, last_error_message, last_error_at, last_error_content_hash, consecutive_failures)
         VALUES ($1, $2, $3, $4, $2, $5, 1)
         ON CONFLICT (source) DO UPDATE SET
           last_checked_at = excluded.last_checked_at, last_error_code = excluded.last_error_code,
           last_error_message = excluded.last_error_message, last_error_at = excluded.last_error_at,
           last_error_content_hash = excluded.last_error_content_hash,
           consecutive_failures = source_state.consecutive_failures + 1
         RETURNING ${SOURCE_STATE_COLUMNS}`,
        [source, failure.at, failure.code, failure.message, failure.contentHash ?? null],
      );
      return SourceStateRow.parse(rows[0]);
    },
  };
}
