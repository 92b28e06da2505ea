/**
 * What a chat platform (Slack, Discord) is given to serve commands: built once in createApp
 * (src/index.ts) as `app.platformDeps`, so the platforms never import the composition root and
 * both share the process's one lookup index.
 *
 *   const slack = await startSlackPlatform(app.platformDeps, app.config.slack);
 *   // tests: startSlackPlatform({ ...app.platformDeps, now: () => NOW }, config)
 */
import type { Logger } from 'pino';
import type { HandlerStore, LookupIndex } from '../../handlers/types.js';
import type { Notifier } from '../notifiers/types.js';
import type { Store } from '../../store/types.js';
import type { ScreenedCounterparty } from '../watchlists/screen.js';

/**
 * The store parts the platforms use: the commands' (HandlerStore), and the current designations
 * for Discord's name autocomplete.
 */
export type PlatformStore = HandlerStore & Pick<Store, 'allCurrentDesignations'>;

export interface PlatformDeps {
  /** The process logger (platforms log with static messages and details in an object). */
  log: Logger;
  store: PlatformStore;
  /**
   * The notifiers built from config: a platform posts test alerts and learns rule channels through
   * its own chat's notifier here, so the deliverer's notifier sees the same channels.
   */
  notifiers: readonly Notifier[];
  /** The clock for audit rows, rule dates and answers' freshness. */
  now(): Date;
  /** The process's one name index (app.lookupIndex, src/worker/lookup-index.ts); never a second one. */
  lookupIndex(): Promise<LookupIndex>;
  /** Answers flag a source not updated for this long (config `schedule.staleAfterMs`). */
  staleAfterMs: number;
  /** HandlerContext.screenable: a watchlist's members worth searching, from the process's screening indexes. */
  screenable?(watchlist: string): Promise<ScreenedCounterparty[]>;
}
