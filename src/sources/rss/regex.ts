/**
 * A user-supplied regular expression run with a time limit.
 *
 * JavaScript regexes cannot be interrupted, and a pattern such as `^(a+)+$` backtracks for
 * minutes on a short line: one bad pattern in a config file must not stall the worker. The
 * pattern is compiled once inside its own `node:vm` context and each test runs as a script
 * with `timeout`, which V8 enforces even inside the regex engine.
 *
 *   const re = createBoundedRegex('\\badd(s|ed)?\\b.*entit', 50);
 *   re.test('BIS adds 12 entities') // → true | false | 'timeout'
 */
import { Script, createContext, type Context } from 'node:vm';

/** A pattern compiled inside its own context; `test` answers 'timeout' when over the limit. */
export interface BoundedRegex {
  source: string;
  test(text: string): boolean | 'timeout';
}

/** Default limit per test: generous for any sane pattern on one feed item, short enough to poll on. */
export const REGEX_TIMEOUT_MS = 50;

/** Flags for user patterns: case-insensitive, like keywords. Not 'u': it would reject patterns valid elsewhere. */
export const USER_REGEX_FLAGS = 'i';

const COMPILE = new Script('globalThis.re = new RegExp(pattern, flags);');
const TEST = new Script('re.lastIndex = 0; re.test(text);');

/** Why a pattern is not a valid regular expression, or null when it is. */
export function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, USER_REGEX_FLAGS);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Compile `pattern` (throws SyntaxError when invalid; validate at config load with `regexProblem`). */
export function createBoundedRegex(pattern: string, timeoutMs = REGEX_TIMEOUT_MS): BoundedRegex {
  const context: Context = createContext({ pattern, flags: USER_REGEX_FLAGS, text: '' });
  COMPILE.runInContext(context);
  return {
    source: pattern,
    test(text) {
      context.text = text;
      try {
        return TEST.runInContext(context, { timeout: timeoutMs }) === true;
      } catch (err) {
        if (isTimeout(err)) return 'timeout';
        throw err;
      }
    },
  };
}

function isTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}
