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
import { USER_REGEX_FLAGS } from './options.js';

/** A pattern compiled inside its own context; `test` answers 'timeout' when over the limit. */
export interface BoundedRegex {
  source: string;
  test(text: string): boolean | 'timeout';
}

/** Default limit per test: generous for any sane pattern on one feed item, short enough to poll on. */
export const REGEX_TIMEOUT_MS = 50;

const COMPILE = new Script('globalThis.re = new RegExp(pattern, flags);');
const TEST = new Script('re.lastIndex = 0; re.test(text);');

/** Compile `pattern` (throws SyntaxError when invalid; validated at config load by options.ts's `regexProblem`). */
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
