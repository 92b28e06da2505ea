/**
 * Admin-only counterparty watchlist commands, one handler for the subcommand and its action:
 *
 *   watchlist list                                 every watchlist with its size
 *   watchlist import <name> [--replace] [<file>]   the CSV that came with the command (ctx.attachment)
 *   watchlist screen <name>                        the watchlist against today's lists: the best hits
 *                                                  in the message, every hit in an attached CSV
 *   watchlist remove <name>                        remove it (audited by the store)
 *
 * An import reads the file exactly as `entitywatch watchlist import` does (read-file.ts: the same
 * decoding and validation; any bad line imports nothing) and is audited the same way by the store,
 * with the chat actor. Replies are plain text that fits both platforms (Discord allows 2,000
 * characters a message, Slack 3,000 a section).
 */
import { basisLine, notLoadedReply, staleWarning, type Basis } from '../src/core/basis.js';
import { sanitise } from '../src/core/text.js';
import { parseCounterpartyFile } from '../src/watchlists/read-file.js';
import { screenCsv } from '../src/watchlists/screen-csv.js';
import { parseWatchlistName } from '../src/watchlists/schema.js';
import { screenCounterparties, type DesignationSearch, type ScreenedCounterparty, type WatchlistHit } from '../src/watchlists/screen.js';
import { splitWords } from './args.js';
import { readBasis } from './basis.js';
import { actorId, command } from './guard.js';
import type { HandlerContext, Reply } from './types.js';

/** Reply budget: under Discord's 2,000-character message, with room for the renderer's prefix. */
export const MAX_REPLY_CHARS = 1900;

/** Counterparties screened between yields to the event loop, so a 100,000-name list does not stall the worker. */
const SCREEN_CHUNK = 500;

const IMPORT_HINT =
  'Import one from a CSV (header `name`, optional `country`, `reference`): share the file here, then `watchlist import NAME` (add `--replace` to swap an existing one), or `entitywatch watchlist import FILE --name NAME` on the server.';

export const WATCHLIST_HELP = [
  'Watchlist subcommands (admins only):',
  '`watchlist list` — every watchlist and its size',
  '`watchlist import <name> [--replace] [file link]` — import the CSV shared with the command',
  "`watchlist screen <name>` — screen a watchlist against today's lists (all hits as a CSV file)",
  '`watchlist remove <name>` — remove a watchlist',
  IMPORT_HINT,
].join('\n');

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

async function existing(ctx: HandlerContext, text: string): Promise<{ name: string; count: number } | Reply> {
  if (text === '') return { kind: 'error', message: 'Which watchlist? `watchlist list` shows them.' };
  const name = parseWatchlistName(text);
  const found = (await ctx.store.listWatchlists()).find((w) => w.name.toLowerCase() === name.toLowerCase());
  return found ?? { kind: 'error', message: `There is no watchlist "${name}". \`watchlist list\` shows them.` };
}

async function list(ctx: HandlerContext): Promise<Reply> {
  const lists = await ctx.store.listWatchlists();
  if (lists.length === 0) return { kind: 'text', text: `No watchlists yet. ${IMPORT_HINT}` };
  const lines = lists.map((w) => `• ${w.name} — ${plural(w.count, 'counterparty', 'counterparties')} (imported by ${w.createdBy}, updated ${w.updatedAt.slice(0, 10)})`);
  return { kind: 'text', text: ['Watchlists, screened against every list change:', ...lines].join('\n') };
}

async function screenInChunks(members: readonly ScreenedCounterparty[], index: DesignationSearch): Promise<WatchlistHit[]> {
  const hits: WatchlistHit[] = [];
  for (let i = 0; i < members.length; i += SCREEN_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    hits.push(...screenCounterparties(members.slice(i, i + SCREEN_CHUNK), index));
  }
  return hits;
}

function hitLine(hit: WatchlistHit): string {
  const ref = hit.reference ? ` [${hit.reference}]` : '';
  const via = hit.matchedName !== hit.designationName ? ` (matched “${hit.matchedName}”)` : '';
  return sanitise(`• ${hit.score.toFixed(2)} ${hit.counterparty}${ref} ↔ ${hit.list}: ${hit.designationName}${via}`);
}

/**
 * The stale warning (if any) and the head line, then hits best first while they fit, then where
 * the rest are (`fileName`, attached), and last the basis line (what was searched).
 */
export function screenText(name: string, screened: number, hits: readonly WatchlistHit[], basis: Basis, fileName: string | null = null): string {
  const warning = staleWarning(basis);
  const head = `${warning ? `⚠️ ${warning}\n` : ''}Screened ${plural(screened, 'counterparty', 'counterparties')} of ${name} against today's lists: `;
  const tail = basisLine(basis);
  if (hits.length === 0) return `${head}no hits.\n${tail}`;
  const ranked = [...hits].sort((a, b) => b.score - a.score);
  const lines = [`${head}${plural(hits.length, 'hit')}.`];
  const rest = (shown: number) =>
    fileName ? `…and ${hits.length - shown} more: every hit is in ${fileName}.` : `…and ${hits.length - shown} more: \`entitywatch watchlist screen ${name} --csv\` lists them all.`;
  let length = lines[0]!.length + 1 + tail.length;
  for (const [i, hit] of ranked.entries()) {
    const line = hitLine(hit);
    const reserve = i + 1 < ranked.length ? rest(i).length + 1 : 0;
    if (length + 1 + line.length + reserve > MAX_REPLY_CHARS) {
      lines.push(rest(i));
      break;
    }
    lines.push(line);
    length += 1 + line.length;
  }
  lines.push(tail);
  return lines.join('\n');
}

/** "screen-suppliers-2026-05-04.csv": a name a spreadsheet opens, safe in any file system. */
function screenFileName(name: string, at: Date): string {
  return `screen-${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}-${at.toISOString().slice(0, 10)}.csv`;
}

async function screen(ctx: HandlerContext, text: string): Promise<Reply> {
  const found = await existing(ctx, text);
  if ('kind' in found) return found;
  const basis = await readBasis(ctx.store, ctx.now(), ctx.staleAfterMs ?? null);
  if (basis.designations === 0) return { kind: 'error', message: notLoadedReply() };
  // Only the members whose names can reach a list, when the process can tell (the same hits).
  const members = ctx.screenable ? await ctx.screenable(found.name) : await ctx.store.watchlistMembers(found.name);
  const hits = await screenInChunks(members, await ctx.lookupIndex());
  const ranked = [...hits].sort((a, b) => b.score - a.score);
  const file = { name: screenFileName(found.name, ctx.now()), contentType: 'text/csv', bytes: Buffer.from(screenCsv(ranked), 'utf8') };
  return { kind: 'text', text: screenText(found.name, found.count, hits, basis, file.name), file };
}

async function importList(ctx: HandlerContext, text: string): Promise<Reply> {
  const words = splitWords(text);
  const replace = words.some((w) => w.toLowerCase() === '--replace');
  const [first, ...rest] = words.filter((w) => w.toLowerCase() !== '--replace');
  if (!first) return { kind: 'error', message: `Which watchlist? \`watchlist import NAME\`. ${IMPORT_HINT}` };
  const name = parseWatchlistName(first);
  if (!ctx.attachment) return { kind: 'error', message: `This chat cannot take files. ${IMPORT_HINT}` };
  const file = await ctx.attachment(rest.length ? rest.join(' ') : null);
  const rows = parseCounterpartyFile(file.name, file.bytes);
  const { watchlist, replaced } = await ctx.store.importWatchlist(name, rows, actorId(ctx.actor), ctx.now().toISOString(), { replace });
  const swap = replace && replaced > 0 ? ` (replacing ${plural(replaced, 'counterparty', 'counterparties')})` : '';
  return { kind: 'text', text: `Imported ${plural(watchlist.count, 'counterparty', 'counterparties')} from ${sanitise(file.name)} into watchlist ${watchlist.name}${swap}. Every list change is screened against it.` };
}

async function remove(ctx: HandlerContext, text: string): Promise<Reply> {
  const found = await existing(ctx, text);
  if ('kind' in found) return found;
  const removed = await ctx.store.removeWatchlist(found.name, actorId(ctx.actor), ctx.now().toISOString());
  if (!removed) return { kind: 'error', message: `There is no watchlist "${found.name}". \`watchlist list\` shows them.` };
  return { kind: 'text', text: `Removed watchlist ${found.name} (${plural(found.count, 'counterparty', 'counterparties')}).` };
}

export const watchlistHandler = command({
  id: 'watchlist',
  word: 'watchlist',
  args: [
    {
      name: 'action',
      type: 'text',
      description: 'What to do',
      required: true,
      choices: [
        { value: 'list', label: 'every watchlist' },
        { value: 'import', label: 'the CSV attached as file' },
        { value: 'screen', label: "a watchlist against today's lists (all hits as CSV)" },
        { value: 'remove', label: 'delete a watchlist' },
      ],
    },
    { name: 'name', type: 'text', description: 'Watchlist name (for import, screen and remove)', maxLength: 64 },
    { name: 'file', type: 'file', description: 'For import: a CSV with a name column (optional country, reference)' },
    { name: 'replace', type: 'switch', description: 'For import: replace the counterparties of an existing watchlist' },
  ],
  description: 'Counterparty watchlists: list, import a CSV, screen against the lists, remove',
  adminOnly: true,
  run: async (ctx, args) => {
    const [action = '', ...rest] = args.trim().split(/\s+/);
    const name = rest.join(' ');
    switch (action.toLowerCase()) {
      case 'list':
        return list(ctx);
      case 'screen':
        return screen(ctx, name);
      case 'remove':
        return remove(ctx, name);
      case 'import':
        return importList(ctx, name);
      default:
        return { kind: 'text', text: WATCHLIST_HELP };
    }
  },
});
