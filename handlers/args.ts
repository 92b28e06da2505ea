/**
 * Argument parsing shared by the watch commands of every platform. Pure.
 *
 *   parseWatchArgs('huawei technologies list:el country:CN')
 *   // { term: 'huawei technologies', list: 'EL', country: 'CN' }
 *   parseRuleId('12')  // 12
 *
 * Words `list:X` and `country:X` are options wherever they stand; the other words, joined by
 * one space and stripped of surrounding quotes, are the keyword. Validation of the values is
 * the store's (store/sqlite/rule-input.ts), so chat and CLI give the same messages; this only
 * rejects what it cannot read.
 */
import { z } from 'zod';
import { UsageError } from '../src/errors.js';

export interface WatchArgs {
  term: string | null;
  list: string | null;
  country: string | null;
}

const OPTION = /^(list|country):(.*)$/i;

/** Split on whitespace, keeping "double quoted" or “curly quoted” phrases together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/["“”]([^"“”]*)["“”]|(\S+)/g)) {
    const word = match[1] ?? match[2];
    if (word !== undefined && word.trim() !== '') words.push(word.trim());
  }
  return words;
}

export function parseWatchArgs(text: string): WatchArgs {
  const args: WatchArgs = { term: null, list: null, country: null };
  const termWords: string[] = [];
  for (const word of splitWords(text)) {
    const option = OPTION.exec(word);
    if (!option) {
      termWords.push(word);
      continue;
    }
    const name = option[1]!.toLowerCase() as 'list' | 'country';
    const value = option[2]!.trim();
    if (value === '') throw new UsageError(`${name}: needs a value, e.g. ${name === 'list' ? 'list:EL' : 'country:CN'}`);
    if (args[name] !== null) throw new UsageError(`${name}: given twice`);
    args[name] = value.toUpperCase();
  }
  if (termWords.length > 0) args.term = termWords.join(' ');
  if (args.term === null && args.list === null && args.country === null) {
    throw new UsageError('give a keyword, list:CODE or country:CC, e.g. `add huawei list:EL country:CN`');
  }
  return args;
}

const RuleId = z.coerce.number().int().positive();

export function parseRuleId(text: string): number {
  const words = splitWords(text);
  const parsed = RuleId.safeParse(words[0]?.replace(/^#/, ''));
  if (words.length !== 1 || !parsed.success) throw new UsageError('give the rule id to remove, e.g. `remove 12` (see `list`)');
  return parsed.data;
}
