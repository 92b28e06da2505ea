/**
 * The few error types the project distinguishes. Each carries `cause` when it wraps another.
 *
 * - SourceUnavailableError: transient (timeout, network, 429, 5xx). Keep old state, try again next poll.
 * - SnapshotRefusedError: the body is not a snapshot we may trust (HTML page, empty, cut off,
 *   unparseable, mass removal, 404). State untouched, admins told once.
 * - DeliveryError: a notifier failed; `retryable` says whether to back off and retry.
 * - ConfigError: a setting is missing or malformed; names the variable.
 */

export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
  constructor(
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const REFUSAL_CODES = [
  'html', // an HTML page where a list was expected (error page, login wall)
  'empty', // no body, or a body with no entries
  'truncated', // the download ends mid-record (e.g. inside a quoted CSV field)
  'unparseable', // not valid CSV/JSON/XML of the expected shape
  'mass-removal', // would remove more than the allowed share of a list
  'not-found', // 404/410: the URL no longer serves the list
  'encoding', // bytes that are not text in an encoding the source accepts (see src/core/decode.ts)
  'duplicated', // an implausible share of rows repeated exactly
  'blocked', // the publisher answered an automated client with 403 or a challenge page
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export class SnapshotRefusedError extends Error {
  override readonly name = 'SnapshotRefusedError';
  constructor(
    readonly code: RefusalCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly details: { retryable: boolean; retryAfterMs?: number; status?: number },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A usage or input error from the CLI or a command: shown to the user as is, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Text for logs and status: the message chain on one line, never a stack. Only each message's
 * first line is kept (a zod or parser message can be a multi-line dump).
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [firstLine(err.message)];
  let cause: unknown = err.cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    // A wrapper that already quotes its cause's message says it once.
    const line = firstLine(cause.message);
    if (!parts.some((part) => part.includes(line))) parts.push(line);
    cause = cause.cause;
  }
  return parts.join(': ');
}

function firstLine(message: string): string {
  const line = message.trim().split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** A command ran but its operation failed (a refused snapshot, a failed check): exit code 1. */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}
