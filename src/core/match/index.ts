/**
 * Name matching against the lists: `new MatchIndex(designations).search('Hikvision')`.
 * See engine.ts for the index, score.ts for the score and its threshold, normalise.ts for what
 * "the same name" means.
 */
export { MatchIndex, type MatchResult, type SearchOptions } from './engine.js';
export { MATCH_THRESHOLD } from './score.js';
export { normaliseForMatch, matchTokens, splitAliasText } from './normalise.js';
export { stripLegalForms } from './legal-forms.js';
