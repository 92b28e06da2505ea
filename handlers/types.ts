/**
 * The contract between chat platforms and commands. A platform (src/platforms/slack, discord, the
 * CLI) parses a request, builds a `HandlerContext`, calls a `Handler` with the argument text and
 * renders the `Reply` it gets back. Nothing here names a Slack or Discord type:
 *
 *   const reply = await entityHandler.run(ctx, 'hikvision');
 *   // { kind: 'matches', query: 'hikvision', matches: [{ name, matchedName, score, designations }] }
 */
import type { Alert } from '../src/core/alert.js';
import type { Basis } from '../src/core/basis.js';
import type { Designation } from '../src/core/model.js';
import type { WatchRule } from '../src/core/watch.js';
import type { ScreenedCounterparty } from '../src/watchlists/screen.js';
import type { DesignationEvent, HistoryStore, OutboxStore, RulesStore, SnapshotStore, WatchlistStore } from '../store/types.js';

export type Platform = 'slack' | 'discord' | 'cli';

/** Who typed the command, as the platform established it. */
export interface Actor {
  /** Where the command came from; with `userId` it is the audit log's actor ("slack:U0123"). */
  platform: Platform;
  /** The platform's user id ("U0123", a Discord snowflake, an OS user name). */
  userId: string;
  /** Computed by the platform (admin list, workspace role); admin-only handlers refuse when false. */
  isAdmin: boolean;
}

/** What the name index answers; `MatchIndex` from src/core/match satisfies it. */
export interface LookupIndex {
  /** Best entities first, at most `limit`, only those above the engine's threshold. */
  search(query: string, options: { limit: number }): LookupMatch[];
}

/** One entity found by a lookup: several designations when it is on several lists. */
export interface LookupMatch {
  /** Display name (primary name of its first designation). */
  name: string;
  /** The name or alias that matched. */
  matchedName: string;
  /** 0..1. */
  score: number;
  designations: Designation[];
}

/**
 * The store parts commands use: watch rules and the audit log, watchlists, designation history,
 * source states and per-list counts (an answer's basis), recent alerts (failing channels).
 */
export type HandlerStore = RulesStore & WatchlistStore & HistoryStore & Pick<SnapshotStore, 'listSourceStates' | 'countsByList'> & Pick<OutboxStore, 'listAlerts'>;

export interface HandlerContext {
  /** Rules, audit log, watchlists, source states, alerts. */
  store: HandlerStore;
  /** The current name index (built lazily, rebuilt after source changes: see lookup-index.ts). */
  lookupIndex(): Promise<LookupIndex>;
  /**
   * The members of a watchlist (by its stored name) worth searching: those whose names can reach
   * the threshold against the current lists, so that searching them finds every hit searching all
   * finds (src/worker/watchlist-hits.ts `searchableMembers`). Absent: every member is searched.
   */
  screenable?(watchlist: string): Promise<ScreenedCounterparty[]>;
  /** Who typed the command. */
  actor: Actor;
  /** Notifier channel id of where the command was typed: "slack:C0123", "discord:456". */
  channelId: string;
  /** The clock for audit timestamps and rule dates. */
  now(): Date;
  /** Post an alert to `channelId` now, bypassing the outbox. Throws DeliveryError. */
  postAlert(alert: Alert): Promise<void>;
  /** Called after a watch rule was added or removed (the platform refreshes its alert channels). */
  rulesChanged?(): Promise<void>;
  /**
   * The file that came with the command: a Discord attachment option, or a Slack file named by
   * `ref` (its link or id) or, without one, the newest CSV the user shared in this channel.
   * Throws UsageError saying what to do when there is none or it cannot be read. Absent where
   * the platform takes no files.
   */
  attachment?(ref: string | null): Promise<ChatFile>;
  /**
   * Answers flag a source whose last success is older than this (config: STALE_AFTER_PERIODS ×
   * the poll period, `schedule.staleAfterMs`). Absent: freshness is not checked.
   */
  staleAfterMs?: number;
}

/** A file read from a chat platform. */
export interface ChatFile {
  /** The file name as shared ("suppliers.csv"), for messages. */
  name: string;
  /** The file's content, as downloaded (not yet decoded). */
  bytes: Buffer;
}

/** A file a reply carries: Slack uploads it (external upload flow), Discord attaches it. */
export interface ReplyFile {
  /** The file name the user sees ("screen-suppliers-2026-05-04.csv"). */
  name: string;
  /** MIME type, e.g. "text/csv". */
  contentType: string;
  /** The content (UTF-8 text for CSV). */
  bytes: Buffer;
}

/** Status of one source, as `/entitywatch status` shows it. */
export interface SourceStatus {
  /** Source id ("csl", "ofac-sdn"). */
  id: string;
  /** As `entitywatch status`: failing = unreachable, refused = last snapshot refused. */
  health: 'ok' | 'failing' | 'refused' | 'never-polled';
  /** Last snapshot accepted or confirmed unchanged (ISO). */
  lastSuccessAt: string | null;
  /** The most recent failure, cleared by the next success. */
  lastError: { at: string; code: string; message: string } | null;
  /** Failures since the last success. */
  consecutiveFailures: number;
  /** Current designations held for the source. */
  designationCount: number;
}

/** A channel whose latest delivery failed (missing scope, archived channel…), for admins. */
export interface ChannelProblem {
  /** Notifier channel id, "slack:C0123". */
  channel: string;
  /** When the failing delivery was queued (ISO). */
  since: string;
  /** The last attempt's error, e.g. "slack:C0123: the channel is archived (is_archived)…". */
  error: string;
  /** true: given up ('failed'); false: will be retried. */
  final: boolean;
}

/** What entitywatch saw happen to one designation (its key), oldest first; empty: listed before it watched. */
export interface DesignationHistory {
  /** The designation's key ("EL:acme optics co ltd"), as in `LookupMatch.designations`. */
  key: string;
  /** Oldest first. */
  events: DesignationEvent[];
}

/** Who added a watch rule and when, as the audit log recorded it ("watch.add"). */
export interface RuleOrigin {
  /** The rule's id. */
  ruleId: number;
  /** The audit actor: "slack:U0123", "discord:456", "cli:alice". */
  actor: string;
  /** ISO time of the audit row. */
  at: string;
}

/** A platform-neutral answer. Platforms render each kind; anything they do not know, as `text`. */
export type Reply =
  /** Plain information; `file`, when set, goes with it (screening results as CSV). */
  | { kind: 'text'; text: string; file?: ReplyFile }
  /** The request could not be done: bad arguments, unknown rule, failed post. */
  | { kind: 'error'; message: string }
  /** The actor may not do this. */
  | { kind: 'refusal'; message: string }
  /**
   * A lookup's answer; `matches` empty means "no match", said plainly by the renderer. `basis`:
   * what it was checked against — renderers show its line, and its stale warning prominently.
   */
  | {
      kind: 'matches';
      query: string;
      matches: LookupMatch[];
      basis: Basis;
      /** Per matched designation, its history (handlers/history.ts); null or absent: not known. */
      history?: DesignationHistory[] | null;
    }
  /** Rules that filter this channel (own and "*"); `changed` says what the command did. */
  | {
      kind: 'rules';
      channelId: string;
      rules: WatchRule[];
      changed: { action: 'added' | 'removed'; rule: WatchRule } | null;
      /** From the audit log, per rule that has a "watch.add" row (a rule without one shows that). */
      origins?: RuleOrigin[];
    }
  | { kind: 'status'; sources: SourceStatus[]; channels: ChannelProblem[]; ruleCount: number }
  /** A sample alert was posted to the channel. */
  | { kind: 'test-posted'; channelId: string; alertId: string };

export type ReplyKind = Reply['kind'];

/**
 * One argument of a command, declared once beside its handler. From it come the usage line
 * (admin help, Slack's usage hint), Discord's option and the argument text a Discord
 * invocation is turned into (handlers/registry.ts `argumentText`), so typed text and options
 * always read the same.
 */
export interface CommandArg {
  /** The Discord option's name, the placeholder in usage ("<keyword>"), the prefix when `prefixed`. */
  name: string;
  /** One line for Discord's option (≤ 100 characters: Discord's limit). */
  description: string;
  /**
   * text; a whole number; a switch (typed `--name`); a file (a Discord attachment; on Slack, a
   * shared file's link or id typed last, or none: the newest CSV shared in the channel).
   */
  type: 'text' | 'integer' | 'switch' | 'file';
  /** Typed `name:value` in any position (list:EL) rather than by position; `example` is the value usage shows. */
  prefixed?: { example: string };
  /** The only values it takes, each with a few words ("EL" — "Entity List"); usage shows them as `a|b|c`. */
  choices?: ReadonlyArray<{ value: string; label: string }>;
  /** Discord asks for it before sending. The handler checks typed text itself, whatever this says. */
  required?: boolean;
  /** The value is quoted in the argument text (its own quotes dropped), so words with spaces stay one value. */
  quoted?: boolean;
  /** Values are suggested from the current designation names while typing (Discord autocomplete). */
  suggest?: boolean;
  /** Text length bounds, as Discord enforces them. */
  minLength?: number;
  maxLength?: number;
  /** Smallest whole number accepted (integer). */
  min?: number;
}

/**
 * One command, declared once: `command({ … })` (handlers/guard.ts, which holds `run` to
 * `adminOnly`) in handlers/<name>.ts, listed in handlers/registry.ts. Its word, arguments, admin flag and handler are all here; the admin help,
 * Slack's routing and usage hint and Discord's command payload are derived from it.
 */
export interface Handler {
  /** Registry id, used in logs and audit rows: "entity", "watch.add", "watch.remove", "watch.list", "status", "test". */
  id: string;
  /**
   * What is typed: an admin command's subcommand ("add" in `/entitywatch add`, `/watch add`), or
   * an open command's own name ("entity": `/entity`).
   */
  word: string;
  /** Its arguments, in the order typed. */
  args: readonly CommandArg[];
  /** One line for help texts and command registration (≤ 100 characters: Discord's limit). */
  description: string;
  /**
   * Refused (nothing read or written) unless `ctx.actor.isAdmin`. It also places the command:
   * admin commands are subcommands of the admin command (Discord hides that one from members
   * without Manage Server, which it can only do per top-level command); open ones stand alone.
   */
  adminOnly: boolean;
  /** Never throws for user errors: those come back as `error` or `refusal` replies. */
  run(ctx: HandlerContext, args: string): Promise<Reply>;
}
