/**
 * Autocomplete for `/entity name:` over the current designations: names that begin with what is
 * typed (completer.ts) first, then, for a query long enough to score, the match engine's
 * results (typos, reordered words, legal forms) to fill up.
 *
 * Discord waits 3 seconds for choices and cannot be deferred, so an index that is not ready
 * within `timeoutMs` (first build after start or after a source change) yields no choices this
 * time rather than a failed interaction. At most 25 choices; name and value at most 100
 * characters each (Discord's limits). Choice names are not markdown: no escaping needed.
 */
import type { LookupIndex } from '../../../handlers/types.js';
import { sanitise } from '../../core/text.js';
import type { Completer } from './completer.js';

export interface Choice {
  name: string;
  value: string;
}

export interface NameSources {
  completer(): Promise<Completer>;
  lookupIndex(): Promise<LookupIndex>;
}

export const MAX_CHOICES = 25;
const MAX_CHOICE_TEXT = 100;
/** Shorter queries match too much to be useful. */
const MIN_QUERY = 2;
/** The engine scores whole words: below this it only adds noise to prefix matches. */
const MIN_ENGINE_QUERY = 4;

function cut(text: string, max = MAX_CHOICE_TEXT): string {
  const clean = sanitise(text).replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function choice(name: string, lists: readonly string[]): Choice {
  const suffix = lists.length ? ` (${[...new Set(lists)].join(', ')})` : '';
  return { name: `${cut(name, MAX_CHOICE_TEXT - suffix.length)}${suffix}`, value: cut(name) };
}

export function choicesFor(completer: Completer, index: LookupIndex, query: string): Choice[] {
  const text = query.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (text.length < MIN_QUERY) return [];
  const choices: Choice[] = [];
  const seen = new Set<string>();
  const add = (c: Choice) => {
    if (c.value === '' || seen.has(c.value) || choices.length >= MAX_CHOICES) return;
    seen.add(c.value);
    choices.push(c);
  };
  for (const completion of completer.complete(text, MAX_CHOICES)) add(choice(completion.name, completion.lists));
  if (choices.length < MAX_CHOICES && text.length >= MIN_ENGINE_QUERY) {
    for (const match of index.search(text, { limit: MAX_CHOICES })) add(choice(match.name, match.designations.map((d) => d.list)));
  }
  return choices;
}

/** Choices, or none when the indexes are not ready within `timeoutMs`. */
export async function autocomplete(sources: NameSources, query: string, timeoutMs: number): Promise<Choice[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const ready = await Promise.race([Promise.all([sources.completer(), sources.lookupIndex()]), late]);
    return ready ? choicesFor(ready[0], ready[1], query) : [];
  } finally {
    clearTimeout(timer);
  }
}
