/**
 * Publishers' pages that answer automated clients with 403 or a bot challenge (dhs.gov and
 * fcc.gov sit behind such walls). Such an answer is refused as `blocked` — never parsed as a list,
 * never "everything was removed" — with a one-line reason and a hint. Pure, apart from
 * `downloadPage`, which wraps the worker's download.
 *
 *   challengeOf('<title>Just a moment...</title>') // "a Cloudflare challenge page"
 */
import { SnapshotRefusedError, SourceUnavailableError } from '../../errors.js';
import type { FetchContext, FetchResult } from '../types.js';

/** Marks of the challenge and block pages of the common bot walls, with what to call them. */
const CHALLENGES: ReadonlyArray<[RegExp, string]> = [
  [/<title>\s*just a moment\.{0,3}\s*<\/title>|cf-chl-|challenge-platform|cf_chl_opt/i, 'a Cloudflare challenge page'],
  [/<title>\s*attention required!?\s*\|\s*cloudflare/i, 'a Cloudflare block page'],
  // Akamai writes its page with character references: "Reference&#32;&#35;18&#46;…", "errors&#46;edgesuite&#46;net".
  [/<title>\s*access denied\s*<\/title>[\s\S]*(?:reference(?:\s|&#32;)*(?:#|&#35;)|errors(?:\.|&#46;)edgesuite)/i, 'an Akamai "Access Denied" page'],
  [/_incapsula_resource|incapsula incident id/i, 'an Imperva (Incapsula) block page'],
  [/<title>\s*request rejected\s*<\/title>|the requested url was rejected/i, 'a "Request Rejected" firewall page'],
  [/captcha-delivery\.com|geo\.captcha-delivery|<title>\s*(?:human verification|are you a robot\??)\s*<\/title>/i, 'a CAPTCHA page'],
];

/** What kind of challenge or block page `html` is, or null when it is not one. */
export function challengeOf(html: string): string | null {
  const head = html.slice(0, 20_000);
  for (const [pattern, what] of CHALLENGES) if (pattern.test(head)) return what;
  return null;
}

/** The refusal for a blocked answer: one line, naming the host, what came back, and the way round it. */
export function blockedError(what: string, location: string, hint: string): SnapshotRefusedError {
  return new SnapshotRefusedError('blocked', `${hostOf(location)} answered with ${what}, not the list; ${hint}`);
}

function hostOf(location: string): string {
  try {
    return new URL(location).host;
  } catch {
    return location;
  }
}

/** Refuse a body that is empty or a challenge page, before reading it as the list's page. */
export function checkPage(html: string, location: string, hint: string): void {
  if (html.trim() === '') throw new SnapshotRefusedError('empty', 'the download is empty');
  const what = challengeOf(html);
  if (what) throw blockedError(what, location, hint);
}

/**
 * Download a page conditionally; a 403 (or 401) is refused as `blocked` with the hint instead
 * of counting as "the source is down" (retrying the same request will not get past the wall).
 */
export async function downloadPage(ctx: FetchContext, url: string, hint: string): Promise<FetchResult> {
  try {
    return await ctx.download(url, ctx.validators);
  } catch (err) {
    if (err instanceof SourceUnavailableError && (err.details.status === 403 || err.details.status === 401)) {
      throw blockedError(`HTTP ${err.details.status}`, url, hint);
    }
    throw err;
  }
}
