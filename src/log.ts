/**
 * The logger: pino, structured, to stderr (stdout is reserved for command output such as --json).
 * Modules receive it; none creates its own. Messages are static; details go in the object:
 *   log.warn({ source, status }, 'snapshot refused')
 */
import { createRequire } from 'node:module';
import type { Logger } from 'pino';

export type { Logger };

// Loaded when the first logger is made, not with this module: `status` and `lookup` never log.
type Pino = typeof import('pino');
let loaded: Pino | undefined;
function pinoModule(): Pino['pino'] {
  loaded ??= createRequire(import.meta.url)('pino') as Pino;
  return loaded.pino;
}

export function createLogger(level: string = 'info'): Logger {
  const pino = pinoModule();
  return pino(
    {
      level,
      base: { app: 'entitywatch' },
      // Belt and braces: even if a caller logs a whole config or request, these never reach the log.
      redact: {
        paths: ['*.token', '*.botToken', '*.appToken', '*.secret', '*.signingSecret', '*.webhookUrls', '*.webhookUrl', '*.target', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything (tests, pure helpers that require one). */
export function silentLogger(): Logger {
  return pinoModule()({ level: 'silent' });
}
