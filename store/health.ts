/**
 * A source's health as people see it (`entitywatch status`, `/entitywatch status`), derived from
 * its stored state: "failing" is the source being unreachable, "refused" a snapshot the guard
 * turned down, "never-polled" no success yet.
 */
import type { SourceState } from './types.js';

export type SourceHealth = 'ok' | 'failing' | 'refused' | 'never-polled';

export function healthOf(state: SourceState | null): SourceHealth {
  if (!state) return 'never-polled';
  if (!state.lastError) return state.lastSuccessAt ? 'ok' : 'never-polled';
  return state.lastError.code === 'unavailable' || state.lastError.code === 'internal' ? 'failing' : 'refused';
}
